package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DFQL queries, filters and mutations built from the example's schema with random shapes and hostile
 * values: valid enough to pass the parser and reach the planner, the SQL translation and the writers,
 * where a template with one value changed rarely gets. Values are mostly of the field's type (a date
 * where a date belongs, at every edge of the calendar), sometimes of any type.
 */
final class RandomDfql {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> RESOURCES = List.of("todos", "todos", "todos", "projects", "tags");
    private static final List<String> TODO_FIELDS = List.of("id", "title", "completed", "priority", "dueDate", "notes",
            "projectId", "tags", "createdAt", "updatedAt", "project.name", "project.archived", "project.color",
            "tags.name", "project.id");
    private static final List<String> PROJECT_FIELDS = List.of("id", "name", "color", "archived");
    private static final List<String> TAG_FIELDS = List.of("id", "name");
    private static final List<String> VALID_OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in",
            "nin", "like", "ilike", "contains", "startswith", "endswith", "istartswith", "iendswith", "is_null",
            "is_not_null", "$eq", "$in", "$like", "$between");
    private static final List<String> FUNCTIONS = List.of("count", "countDistinct", "sum", "avg", "min", "max");
    private static final List<String> OPERATIONS = List.of("insert", "merge", "replace", "upsert", "delete", "relate",
            "unrelate", "modifyRelation");
    private static final List<String> RELATIONS = List.of("tags", "project", "todos", "tag", "");

    private RandomDfql() {
    }

    /** @return a query object of a random resource, with random members */
    static ObjectNode query(SplittableRandom random) {
        String resource = HostileValues.pick(random, RESOURCES);
        ObjectNode q = NODES.objectNode().put("resource", resource).put("version", 1);
        List<String> fields = fields(resource);
        if (random.nextInt(6) == 0) {
            ObjectNode search = q.putObject("search");
            search.put("query", HostileValues.text(random));
            if (random.nextBoolean()) {
                search.putArray("fields").add(HostileValues.pick(random, fields));
            }
            if (random.nextInt(3) == 0) {
                search.set(HostileValues.pick(random, List.of("prefix", "fuzzy", "fieldBoosts", "fields")),
                        HostileValues.any(random));
            }
        }
        if (random.nextInt(4) > 0) {
            q.set("filters", filter(random, fields, 3));
        }
        if (random.nextInt(3) == 0) {
            ObjectNode aggregations = q.putObject("aggregations");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                ObjectNode a = aggregations.putObject("a" + i).put("fn", HostileValues.pick(random, FUNCTIONS));
                if (random.nextInt(4) > 0) {
                    a.put("field", HostileValues.pick(random, fields));
                }
            }
            if (random.nextBoolean()) {
                q.putArray("groupBy").add(HostileValues.pick(random, fields));
            }
            if (random.nextBoolean()) {
                q.set("having", filter(random, List.of("a0", "a1", "a2", fields.get(1)), 2));
            }
            if (random.nextBoolean()) {
                q.putArray("sort").add("a0:" + (random.nextBoolean() ? "asc" : "desc"));
            }
        } else {
            if (random.nextBoolean()) {
                ArrayNode sort = q.putArray("sort");
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sort.add(HostileValues.pick(random, fields) + (random.nextBoolean() ? ":asc" : ":desc"));
                }
            }
            if (random.nextInt(3) == 0) {
                ArrayNode select = q.putArray("select");
                select.add("id");
                select.add(HostileValues.pick(random, List.of("*", "project.*", "tags.*", "project.name", "tags.name",
                        "title", "todos.*", "project.project.*")));
            }
            if (random.nextInt(4) == 0) {
                q.put("count", true);
            }
        }
        if (random.nextBoolean()) {
            q.set("limit", number(random));
        }
        if (random.nextInt(4) == 0) {
            q.set("offset", number(random));
        }
        return q;
    }

    /** @return a filter over the fields, nested up to the depth in logical groups */
    static ObjectNode filter(SplittableRandom random, List<String> fields, int depth) {
        ObjectNode f = NODES.objectNode();
        int members = 1 + random.nextInt(3);
        for (int i = 0; i < members; i++) {
            int kind = depth > 0 ? random.nextInt(6) : 5;
            switch (kind) {
                case 0 -> f.set("$and", NODES.arrayNode().add(filter(random, fields, depth - 1))
                        .add(filter(random, fields, depth - 1)));
                case 1 -> f.set("$or", NODES.arrayNode().add(filter(random, fields, depth - 1)));
                case 2 -> f.set("$not", filter(random, fields, depth - 1));
                default -> {
                    String field = HostileValues.pick(random, fields);
                    if (random.nextInt(4) == 0) {
                        f.set(field, value(random, field));
                    } else {
                        String op = HostileValues.pick(random, VALID_OPERATORS);
                        ObjectNode ops = f.has(field) && f.get(field).isObject() ? (ObjectNode) f.get(field)
                                : f.putObject(field);
                        ops.set(op, operand(random, op, field));
                    }
                }
            }
        }
        return f;
    }

    /** @return a mutation of a random operation on a random resource, with typed hostile values */
    static ObjectNode mutation(SplittableRandom random, String key) {
        String resource = HostileValues.pick(random, RESOURCES);
        String operation = HostileValues.pick(random, OPERATIONS);
        ObjectNode m = NODES.objectNode().put("resource", resource).put("version", 1).put("operation", operation);
        if (random.nextBoolean()) {
            m.put("clientId", "fz").put("mutationId", "g" + key);
        }
        String id = switch (random.nextInt(4)) {
            case 0 -> HostileValues.id(random);
            case 1 -> "fz1";
            default -> "fz_" + key;
        };
        if (!operation.equals("insert") || random.nextInt(3) == 0) {
            m.put("id", id);
        }
        if (operation.equals("relate") || operation.equals("unrelate") || operation.equals("modifyRelation")) {
            m.put("relation", HostileValues.pick(random, RELATIONS));
            m.put("targetId", random.nextBoolean() ? HostileValues.pick(random, List.of("tg_fz", "pj_fz", "fz1"))
                    : HostileValues.id(random));
            if (random.nextBoolean()) {
                m.set("metadata", random.nextBoolean() ? HostileValues.any(random)
                        : NODES.objectNode().set("k", HostileValues.any(random)));
            }
        } else if (!operation.equals("delete") || random.nextInt(4) == 0) {
            m.set("record", record(random, resource));
        }
        if (random.nextInt(3) == 0) {
            m.set("if", filter(random, fields(resource), 2));
        }
        return m;
    }

    /** @return a record of the resource with some of its fields, mostly typed, some hostile */
    static ObjectNode record(SplittableRandom random, String resource) {
        ObjectNode r = NODES.objectNode();
        List<String> fields = fields(resource);
        if (random.nextInt(3) > 0) {
            r.set(resource.equals("todos") ? "title" : "name", value(random, "title"));
        }
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String field = HostileValues.pick(random, fields);
            if (!field.contains(".")) {
                r.set(field, value(random, field));
            }
        }
        return r;
    }

    private static JsonNode operand(SplittableRandom random, String op, String field) {
        return switch (op) {
            case "in", "nin", "$in" -> {
                ArrayNode items = NODES.arrayNode();
                if (random.nextInt(10) == 0) {
                    // One past the most values an in list takes, each short.
                    for (int i = 0; i < 1_001; i++) {
                        items.add(HostileValues.id(random));
                    }
                    yield items;
                }
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(random, field));
                }
                yield items;
            }
            case "between", "$between" -> NODES.arrayNode().add(value(random, field)).add(value(random, field));
            case "is_null", "is_not_null" -> random.nextInt(5) == 0 ? HostileValues.any(random)
                    : NODES.booleanNode(random.nextBoolean());
            default -> value(random, field);
        };
    }

    /** @return a value mostly of the field's type, at its edges */
    static JsonNode value(SplittableRandom random, String field) {
        if (random.nextInt(5) == 0) {
            return HostileValues.any(random);
        }
        String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        return switch (name) {
            case "priority" -> number(random);
            case "completed", "archived" -> NODES.booleanNode(random.nextBoolean());
            case "dueDate", "createdAt", "updatedAt" -> NODES.textNode(HostileValues.date(random));
            case "id", "projectId" -> NODES.textNode(HostileValues.id(random));
            case "tags" -> NODES.arrayNode().add(HostileValues.id(random)).add("tg_fz");
            case "a0", "a1", "a2" -> random.nextBoolean() ? number(random) : NODES.textNode(HostileValues.date(random));
            default -> NODES.textNode(random.nextInt(6) == 0 ? HostileValues.longString(random)
                    : random.nextBoolean() ? HostileValues.unicode(random)
                    : HostileValues.pick(random, List.of("Home", "a%b_c", "%", "_", "%a%a%a%b", "x\u0000y", "\\",
                            "Buy milk", "", "\uD83D\uDE00", "\uD800")));
        };
    }

    private static JsonNode number(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(HostileValues.integer(random));
            case 1 -> NODES.numberNode(new BigDecimal(HostileValues.pick(random, List.of("0", "-1", "1e308", "0.5",
                    "2147483648", "-9223372036854775809", "1E+400", "1e-400", "5", "6"))));
            default -> NODES.numberNode(random.nextInt(-2, 120));
        };
    }

    private static List<String> fields(String resource) {
        return switch (resource) {
            case "projects" -> PROJECT_FIELDS;
            case "tags" -> TAG_FIELDS;
            default -> TODO_FIELDS;
        };
    }
}
