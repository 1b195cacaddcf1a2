package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The projects, tags and todos a differential run writes into both databases, all drawn from one seed: the
 * same seed gives the same records, ids and creation instants. Values lean on what databases treat
 * differently: unicode in and beyond the basic plane, {@code %}, {@code _} and {@code \}, case variants of
 * one another, empty strings, nulls in every nullable field, duplicates (so the id tiebreaker decides),
 * and dates and instants at the edges of years 1 to 9999 and around the Julian-Gregorian switch.
 *
 * <p>Two things databases may legitimately answer differently are left out (README, DFQL, "H2 and
 * PostgreSQL"). No string holds a character from U+E000 to U+FFFF: H2 orders strings by UTF-16 units, where
 * those characters sort after every character beyond the basic plane, and PostgreSQL under a {@code C}
 * collation by code points, where they sort before. And none holds U+0130 (capital I with dot above), which
 * each database lowers its own way for the case-insensitive operators ({@code LikePatternTest} covers it).
 */
final class DifferentialData {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Words titles, names and notes are made of; case variants of one another on purpose. */
    private static final List<String> WORDS = List.of("Buy", "buy", "BUY", "milk", "Milk", "bread", "100%", "50%",
            "oat_milk", "a_b", "a%b", "%", "_", "\\", "back\\slash", "caf\u00e9", "CAF\u00c9", "e\u0301",
            "stra\u00dfe", "STRASSE", "istanbul", "\u03a3\u03bf\u03c6\u03af\u03b1", "\u4e2d\u6587",
            "\uD83D\uDE00", "x\uD83D\uDE00y", "\uD83D\uDC68\u200D\uD83D\uDC69", "\u00bd", "Zebra", "zebra", "  ",
            "it's", "\"quoted\"", "tab\there", "line\nbreak", "\u00e0", "\u00c0", "\u0410\u0411\u0412", "\u0430\u0431\u0432");

    private static final List<String> COLORS = List.of("green", "Green", "GREEN", "gr\u00fcn", "", "%", "blue_ish",
            "\uD83D\uDFE2");

    /** Dates at the edges of the supported years and around the calendar switch of 1582. */
    private static final List<LocalDate> EDGE_DATES = List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15), LocalDate.of(1900, 2, 28), LocalDate.of(1970, 1, 1),
            LocalDate.of(2000, 2, 29), LocalDate.of(1969, 12, 31));

    /** Instants at the edges of the supported years, around the calendar switch and the epoch. */
    private static final List<Instant> EDGE_INSTANTS = List.of(Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("1582-10-10T12:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("1900-01-01T00:00:00.001Z"));

    /** Twelve projects, ids {@code pj_d0} to {@code pj_d11}, with unique names. */
    final List<ObjectNode> projects = new ArrayList<>();
    /** Ten tags, ids {@code tg_d0} to {@code tg_d9}, with unique names. */
    final List<ObjectNode> tags = new ArrayList<>();
    /** The todos, ids {@code td_d000} on, each as its insert's record. */
    final List<ObjectNode> todos = new ArrayList<>();
    /** When each todo is created: the engines' clock reads it while the todo is inserted. */
    final List<Instant> createdAt = new ArrayList<>();

    /**
     * @param seed  decides every value
     * @param count the number of todos
     */
    DifferentialData(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            String name = uniqueName(random, names);
            ObjectNode p = NODES.objectNode().put("id", "pj_d" + i).put("name", name)
                    .put("archived", random.nextInt(3) == 0);
            if (random.nextInt(4) == 0) {
                p.putNull("color");
            } else {
                p.put("color", HostileValues.pick(random, COLORS));
            }
            projects.add(p);
        }
        names.clear();
        for (int i = 0; i < 10; i++) {
            tags.add(NODES.objectNode().put("id", "tg_d" + i).put("name", uniqueName(random, names)));
        }
        for (int i = 0; i < count; i++) {
            todos.add(todo(random, i));
            createdAt.add(instant(random));
        }
    }

    private ObjectNode todo(SplittableRandom random, int i) {
        // Ids sort in insertion order except where the id tiebreaker is the only order left.
        ObjectNode t = NODES.objectNode().put("id", "td_d%03d".formatted(i));
        // Every fifth title repeats an earlier one, so equal keys are common and the id decides.
        t.put("title", i > 0 && random.nextInt(5) == 0 ? todos.get(random.nextInt(i)).get("title").textValue()
                : text(random, 4));
        t.put("completed", random.nextBoolean());
        if (random.nextInt(5) == 0) {
            t.putNull("priority");
        } else {
            t.put("priority", random.nextInt(6));
        }
        int due = random.nextInt(10);
        if (due < 3) {
            t.putNull("dueDate");
        } else if (due == 3) {
            t.put("dueDate", HostileValues.pick(random, EDGE_DATES).toString());
        } else {
            t.put("dueDate", LocalDate.of(2026, 1, 1).plusDays(random.nextInt(-400, 400)).toString());
        }
        int notes = random.nextInt(10);
        if (notes < 3) {
            t.putNull("notes");
        } else if (notes == 3) {
            t.put("notes", "");
        } else if (notes == 4 && random.nextInt(4) == 0) {
            t.put("notes", text(random, 2).repeat(200));
        } else {
            t.put("notes", text(random, 8));
        }
        int project = random.nextInt(10);
        if (project < 3) {
            t.putNull("projectId");
        } else if (project == 3) {
            // No foreign key: a todo may name a project that is not there (yet).
            t.put("projectId", "pj_missing");
        } else {
            t.put("projectId", projects.get(random.nextInt(projects.size())).get("id").textValue());
        }
        ArrayNode tagIds = t.putArray("tags");
        int n = random.nextInt(4);
        Set<String> chosen = new LinkedHashSet<>();
        for (int k = 0; k < n; k++) {
            chosen.add(tags.get(random.nextInt(tags.size())).get("id").textValue());
        }
        chosen.forEach(tagIds::add);
        return t;
    }

    private Instant instant(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return HostileValues.pick(random, EDGE_INSTANTS);
        }
        if (kind == 1 && !createdAt.isEmpty()) {
            // Equal instants, so a sort by createdAt has ties.
            return createdAt.get(random.nextInt(createdAt.size()));
        }
        return Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextLong(-40_000_000_000L, 40_000_000_000L));
    }

    /** @return words and random characters, at most the given number of pieces; sometimes empty */
    static String text(SplittableRandom random, int pieces) {
        if (random.nextInt(25) == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(pieces);
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextInt(4) > 0) {
                out.append(' ');
            }
            if (random.nextInt(4) == 0) {
                out.append(unicode(random));
            } else {
                out.append(HostileValues.pick(random, WORDS));
            }
        }
        return out.toString();
    }

    /** @return one to four random characters of any plane, none a surrogate half or from U+E000 to U+FFFF */
    static String unicode(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int codePoint = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> random.nextInt(0xA0, 0xD800);
                default -> random.nextInt(0x10000, 0x30000);
            };
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static String uniqueName(SplittableRandom random, Set<String> taken) {
        while (true) {
            String name = switch (random.nextInt(3)) {
                case 0 -> HostileValues.pick(random, WORDS);
                case 1 -> HostileValues.pick(random, WORDS).toUpperCase(Locale.ROOT);
                default -> text(random, 2);
            };
            if (!name.isEmpty() && taken.add(name)) {
                return name;
            }
        }
    }
}
