package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Valid DFQL queries over {@link DifferentialData}, for answers compared between databases: filters over
 * every field type with every operator that applies (operands mostly taken from the stored values, cut,
 * re-cased or turned into patterns, so they match some records and not others), logical groups, sorts over
 * nullable fields, limits, offsets, counts, select lists and expansions, and aggregations. Unlike
 * {@link RandomDfql}, which tries to break the parser, almost every query here is answered with rows.
 */
final class DifferentialQueries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field holds, which decides its operators and operands. */
    enum Kind {
        STRING, BOOLEAN, INTEGER, DATE, DATETIME, ID, REFERENCE, ID_LIST
    }

    /** A field a query may name, and where its stored values are read from. */
    private record Field(String name, Kind kind, List<String> values) {
    }

    private static final Map<Kind, List<String>> OPERATORS = Map.of(
            Kind.STRING, List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "nin", "like", "ilike",
                    "contains", "startswith", "endswith", "istartswith", "iendswith", "is_null", "is_not_null"),
            Kind.BOOLEAN, List.of("eq", "ne", "in", "nin", "is_null", "is_not_null"),
            Kind.INTEGER, List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "nin", "is_null",
                    "is_not_null"),
            Kind.DATE, List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "nin", "is_null",
                    "is_not_null"),
            Kind.DATETIME, List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "nin", "is_null",
                    "is_not_null"),
            Kind.ID, List.of("eq", "ne", "gt", "lt", "in", "nin", "startswith", "like"),
            Kind.REFERENCE, List.of("eq", "ne", "in", "nin", "is_null", "is_not_null", "gt"),
            Kind.ID_LIST, List.of("contains", "is_null", "is_not_null"));

    /**
     * Operands that are not stored anywhere: wildcards as text, case-mapping traps, the empty string. Not
     * U+0130, which H2 and PostgreSQL lower differently ({@link DifferentialData}).
     */
    private static final List<String> ODD_STRINGS = List.of("", " ", "%", "_", "\\", "%%", "\\%", "%\\%", "a%b",
            "a_b", "i\u0307", "\u00df", "SS", "\u03c3", "\u03c2", "\u00e9", "E\u0301", "\uD83D\uDE00", "z",
            "~", "\u00ff");

    private static final List<String> INTEGERS = List.of("-1", "0", "1", "2", "3", "4", "5", "6", "2147483647",
            "-2147483648");

    private static final List<String> EDGE_DATES = List.of("0001-01-01", "9999-12-31", "1582-10-05", "1582-10-14",
            "1970-01-01", "2026-01-01");

    private static final List<String> EDGE_INSTANTS = List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
            "1582-10-10T12:00:00Z", "1970-01-01T00:00:00Z", "2026-01-01T00:00:00Z");

    private final List<Field> todoFields;
    private final List<Field> projectFields;
    private final List<Field> tagFields;

    /** @param data the stored records, whose values become operands */
    DifferentialQueries(DifferentialData data) {
        List<String> projectIds = column(data.projects, "id");
        List<String> tagIds = column(data.tags, "id");
        List<String> projectNames = column(data.projects, "name");
        List<String> colors = column(data.projects, "color");
        List<String> tagNames = column(data.tags, "name");
        List<String> created = data.createdAt.stream().map(Instant::toString).toList();
        List<String> withMissing = new ArrayList<>(projectIds);
        withMissing.add("pj_missing");
        todoFields = List.of(new Field("id", Kind.ID, column(data.todos, "id")),
                new Field("title", Kind.STRING, column(data.todos, "title")),
                new Field("completed", Kind.BOOLEAN, List.of("true", "false")),
                new Field("priority", Kind.INTEGER, INTEGERS),
                new Field("dueDate", Kind.DATE, column(data.todos, "dueDate")),
                new Field("notes", Kind.STRING, column(data.todos, "notes")),
                new Field("projectId", Kind.REFERENCE, withMissing),
                new Field("tags", Kind.ID_LIST, tagIds),
                new Field("createdAt", Kind.DATETIME, created),
                new Field("updatedAt", Kind.DATETIME, created),
                new Field("project.name", Kind.STRING, projectNames),
                new Field("project.color", Kind.STRING, colors),
                new Field("project.archived", Kind.BOOLEAN, List.of("true", "false")),
                new Field("project.id", Kind.ID, projectIds),
                new Field("tags.name", Kind.STRING, tagNames),
                new Field("tags.id", Kind.ID, tagIds));
        projectFields = List.of(new Field("id", Kind.ID, projectIds), new Field("name", Kind.STRING, projectNames),
                new Field("color", Kind.STRING, colors), new Field("archived", Kind.BOOLEAN, List.of("true", "false")));
        tagFields = List.of(new Field("id", Kind.ID, tagIds), new Field("name", Kind.STRING, tagNames));
    }

    /**
     * @param random the source of the query's shape
     * @return a query of records: filters, sort, select, limit, offset, count; mostly of todos
     */
    ObjectNode records(SplittableRandom random) {
        String resource = HostileValues.pick(random, List.of("todos", "todos", "todos", "todos", "projects", "tags"));
        List<Field> fields = fields(resource);
        ObjectNode q = NODES.objectNode().put("resource", resource).put("version", 1);
        if (random.nextInt(5) > 0) {
            q.set("filters", filter(random, fields, 2));
        }
        if (random.nextInt(4) > 0) {
            q.set("sort", sort(random, fields));
        }
        if (random.nextInt(3) == 0) {
            q.set("select", select(random, resource, fields));
        } else if (random.nextInt(8) == 0) {
            q.putArray("omit").add(HostileValues.pick(random, sortable(fields)).name());
        }
        if (random.nextBoolean()) {
            q.put("limit", random.nextInt(0, 60));
        }
        if (random.nextInt(4) == 0) {
            q.put("offset", random.nextInt(0, 80));
        }
        if (random.nextInt(3) == 0) {
            q.put("count", true);
        }
        return q;
    }

    /**
     * @param random the source of the query's shape
     * @return a query of records with a sort, a page size and no offset, for walking page by page with
     *     its cursor
     */
    ObjectNode pages(SplittableRandom random) {
        ObjectNode q = records(random);
        q.remove("offset");
        q.remove("count");
        if (!q.has("sort") && random.nextInt(4) > 0) {
            q.set("sort", sort(random, fields(q.get("resource").textValue())));
        }
        // Mostly pages of a few records to many; sometimes of one to five, where every record is a page's last.
        q.put("limit", 1 + random.nextInt(random.nextInt(4) == 0 ? 5 : 40));
        return q;
    }

    /**
     * @param random the source of the query's shape
     * @return a query of groups or totals: groupBy, aggregations, having, sort, limit, offset
     */
    ObjectNode aggregation(SplittableRandom random) {
        ObjectNode q = NODES.objectNode().put("resource", "todos").put("version", 1);
        if (random.nextInt(3) > 0) {
            q.set("filters", filter(random, todoFields, 1));
        }
        List<String> groupable = List.of("completed", "priority", "projectId", "dueDate", "title", "notes",
                "createdAt");
        List<String> groups = new ArrayList<>();
        int g = random.nextInt(3);
        for (int i = 0; i < g; i++) {
            String field = HostileValues.pick(random, groupable);
            if (!groups.contains(field)) {
                groups.add(field);
            }
        }
        if (!groups.isEmpty()) {
            ArrayNode groupBy = q.putArray("groupBy");
            groups.forEach(groupBy::add);
        }
        ObjectNode aggregations = q.putObject("aggregations");
        int n = 1 + random.nextInt(3);
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String alias = "a" + i;
            aliases.add(alias);
            ObjectNode a = aggregations.putObject(alias);
            switch (random.nextInt(6)) {
                case 0 -> a.put("fn", "count");
                case 1 -> a.put("fn", "count").put("field", HostileValues.pick(random, groupable));
                case 2 -> a.put("fn", "countDistinct").put("field", HostileValues.pick(random, groupable));
                case 3 -> a.put("fn", HostileValues.pick(random, List.of("sum", "avg"))).put("field", "priority");
                default -> a.put("fn", HostileValues.pick(random, List.of("min", "max"))).put("field",
                        HostileValues.pick(random, List.of("priority", "dueDate", "title", "notes", "createdAt")));
            }
        }
        if (!groups.isEmpty() && random.nextInt(3) == 0) {
            ObjectNode having = q.putObject("having");
            String alias = HostileValues.pick(random, aliases);
            String fn = aggregations.get(alias).get("fn").textValue();
            if (fn.startsWith("count") || fn.equals("sum")) {
                having.putObject(alias).put(HostileValues.pick(random, List.of("gt", "gte", "lt", "eq", "ne")),
                        random.nextInt(0, 6));
            } else {
                having.putObject(alias).put("is_not_null", true);
            }
        }
        if (random.nextBoolean()) {
            List<String> keys = new ArrayList<>(groups);
            keys.addAll(aliases);
            ArrayNode sort = q.putArray("sort");
            sort.add(HostileValues.pick(random, keys) + (random.nextBoolean() ? ":asc" : ":desc"));
            if (random.nextBoolean()) {
                sort.add(HostileValues.pick(random, keys) + (random.nextBoolean() ? ":asc" : ":desc"));
            }
        }
        if (random.nextBoolean()) {
            q.put("limit", random.nextInt(1, 30));
        }
        if (random.nextInt(4) == 0) {
            q.put("offset", random.nextInt(0, 20));
        }
        return q;
    }

    private ObjectNode filter(SplittableRandom random, List<Field> fields, int depth) {
        ObjectNode f = NODES.objectNode();
        int members = 1 + random.nextInt(depth > 0 ? 3 : 2);
        for (int i = 0; i < members; i++) {
            int kind = depth > 0 ? random.nextInt(8) : 7;
            switch (kind) {
                case 0 -> f.set("$and", NODES.arrayNode().add(filter(random, fields, depth - 1))
                        .add(filter(random, fields, depth - 1)));
                case 1 -> f.set("$or", NODES.arrayNode().add(filter(random, fields, depth - 1))
                        .add(filter(random, fields, depth - 1)));
                case 2 -> f.set("$not", filter(random, fields, depth - 1));
                default -> {
                    Field field = HostileValues.pick(random, fields);
                    String op = HostileValues.pick(random, OPERATORS.get(field.kind()));
                    if (op.equals("eq") && field.kind() != Kind.ID_LIST && random.nextInt(3) == 0) {
                        f.set(field.name(), operand(random, field, "eq"));
                    } else {
                        ObjectNode ops = f.get(field.name()) instanceof ObjectNode existing ? existing
                                : f.putObject(field.name());
                        ops.set(random.nextInt(8) == 0 ? "$" + op : op, operand(random, field, op));
                    }
                }
            }
        }
        return f;
    }

    private JsonNode operand(SplittableRandom random, Field field, String op) {
        return switch (op) {
            case "is_null", "is_not_null" -> NODES.booleanNode(random.nextInt(4) > 0);
            case "in", "nin" -> {
                ArrayNode items = NODES.arrayNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    items.add(value(random, field));
                }
                yield items;
            }
            case "between" -> NODES.arrayNode().add(value(random, field)).add(value(random, field));
            case "like", "ilike" -> NODES.textNode(pattern(random, stored(random, field)));
            case "contains", "startswith", "endswith", "istartswith", "iendswith" -> field.kind() == Kind.ID_LIST
                    ? NODES.textNode(HostileValues.pick(random, field.values()))
                    : NODES.textNode(part(random, stored(random, field), op));
            default -> value(random, field);
        };
    }

    /** @return a value of the field's type: mostly a stored one, sometimes an edge */
    private JsonNode value(SplittableRandom random, Field field) {
        return switch (field.kind()) {
            case BOOLEAN -> NODES.booleanNode(random.nextBoolean());
            case INTEGER -> NODES.numberNode(Integer.parseInt(HostileValues.pick(random, INTEGERS)));
            case DATE -> {
                if (random.nextInt(4) == 0) {
                    yield NODES.textNode(HostileValues.pick(random, EDGE_DATES));
                }
                String stored = stored(random, field);
                yield NODES.textNode(stored.isEmpty() ? "2026-01-01"
                        : LocalDate.parse(stored).plusDays(random.nextInt(3) - 1L).toString());
            }
            case DATETIME -> {
                if (random.nextInt(4) == 0) {
                    yield NODES.textNode(HostileValues.pick(random, EDGE_INSTANTS));
                }
                Instant at = Instant.parse(stored(random, field)).plusMillis(random.nextInt(3) - 1L);
                // The same instant written with an offset of its own, which must compare as that instant.
                yield NODES.textNode(random.nextInt(4) == 0 && at.isAfter(Instant.parse("1000-01-01T00:00:00Z"))
                        ? at.atOffset(ZoneOffset.ofHours(2)).toString() : at.toString());
            }
            case STRING -> {
                String stored = stored(random, field);
                yield NODES.textNode(switch (random.nextInt(6)) {
                    case 0 -> HostileValues.pick(random, ODD_STRINGS);
                    case 1 -> recase(random, stored);
                    case 2 -> stored.isEmpty() ? stored : stored.substring(0, random.nextInt(stored.length()));
                    default -> stored;
                });
            }
            case ID, REFERENCE, ID_LIST -> NODES.textNode(random.nextInt(10) == 0 ? "td_missing"
                    : HostileValues.pick(random, field.values()));
        };
    }

    /** @return a stored value of the field (the empty string where none is stored) */
    private static String stored(SplittableRandom random, Field field) {
        if (field.values().isEmpty()) {
            return "";
        }
        String v = HostileValues.pick(random, field.values());
        return v == null ? "" : v;
    }

    /** @return a like pattern from a stored value: some characters become {@code _}, some runs {@code %} */
    private static String pattern(SplittableRandom random, String stored) {
        if (random.nextInt(6) == 0) {
            return HostileValues.pick(random, ODD_STRINGS);
        }
        int[] cps = recase(random, stored).codePoints().toArray();
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append('%');
        }
        int i = 0;
        while (i < cps.length) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                out.append('_');
                i++;
            } else if (roll == 1) {
                out.append('%');
                i += 1 + random.nextInt(4);
            } else {
                out.appendCodePoint(cps[i++]);
            }
        }
        if (random.nextBoolean()) {
            out.append('%');
        }
        return out.length() > 1000 ? out.substring(0, 999) + "%" : out.toString();
    }

    /** @return a prefix, suffix or infix of a stored value, as the operator reads it, sometimes re-cased */
    private static String part(SplittableRandom random, String stored, String op) {
        if (random.nextInt(8) == 0) {
            return HostileValues.pick(random, ODD_STRINGS);
        }
        String value = op.startsWith("i") && random.nextBoolean() ? recase(random, stored) : stored;
        int[] cps = value.codePoints().toArray();
        int length = cps.length == 0 ? 0 : random.nextInt(Math.min(cps.length, 12) + 1);
        int start = switch (op) {
            case "startswith", "istartswith" -> 0;
            case "endswith", "iendswith" -> cps.length - length;
            default -> cps.length == length ? 0 : random.nextInt(cps.length - length);
        };
        return new String(cps, start, length);
    }

    private static String recase(SplittableRandom random, String value) {
        return random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    }

    private static ArrayNode sort(SplittableRandom random, List<Field> fields) {
        ArrayNode sort = NODES.arrayNode();
        List<Field> keys = sortable(fields);
        int n = 1 + random.nextInt(3);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = HostileValues.pick(random, keys).name();
            if (!chosen.contains(name)) {
                chosen.add(name);
                sort.add(name + HostileValues.pick(random, List.of("", ":asc", ":desc", ":desc")));
            }
        }
        return sort;
    }

    private ArrayNode select(SplittableRandom random, String resource, List<Field> fields) {
        ArrayNode select = NODES.arrayNode();
        if (random.nextInt(4) == 0) {
            select.add("*");
        } else {
            select.add("id");
            for (Field f : sortable(fields)) {
                if (!f.name().equals("id") && random.nextInt(3) == 0) {
                    select.add(f.name());
                }
            }
            if (resource.equals("todos") && random.nextBoolean()) {
                select.add("tags");
            }
        }
        if (resource.equals("todos")) {
            for (String expansion : List.of("project.*", "project.name", "tags.*", "tags.name")) {
                if (random.nextInt(4) == 0) {
                    select.add(expansion);
                }
            }
        }
        return select;
    }

    /** @return the fields of the resource itself, not through a relation, that hold one value */
    private static List<Field> sortable(List<Field> fields) {
        return fields.stream().filter(f -> !f.name().contains(".") && f.kind() != Kind.ID_LIST).toList();
    }

    private List<Field> fields(String resource) {
        return switch (resource) {
            case "projects" -> projectFields;
            case "tags" -> tagFields;
            default -> todoFields;
        };
    }

    private static List<String> column(List<ObjectNode> records, String field) {
        List<String> values = new ArrayList<>();
        for (ObjectNode r : records) {
            JsonNode v = r.get(field);
            if (v != null && !v.isNull()) {
                values.add(v.asText());
            }
        }
        return values;
    }
}
