package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values a fuzz case puts where a request expects something else: strings that databases and
 * parsers treat specially, numbers at and past every integer and floating-point edge, date-times outside
 * every calendar, ids that try to leave their place, and the names and operators of the example's
 * schema, valid and not. None contains text the answers are searched for (class names, SQL, stack
 * frames), so any such text in an answer came from the server.
 */
final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field names of the example's resources, relation paths, and names that are not fields. */
    static final List<String> FIELDS = List.of("id", "title", "completed", "priority", "dueDate", "notes", "projectId",
            "tags", "createdAt", "updatedAt", "name", "color", "archived", "project.name", "project.archived",
            "tags.name", "project.id", "project.project.name", "titel", "__deleted", "namespace", "serverSeq", "",
            "a.b.c.d", ".", "..", "title.", "$where", "project.");

    /** Every filter operator, some spelled with {@code $}, and operators that do not exist. */
    static final List<String> OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "nin",
            "like", "ilike", "contains", "startswith", "endswith", "istartswith", "iendswith", "is_null",
            "is_not_null", "$eq", "$in", "$like", "$contains", "$between", "$is_null", "regex", "$regex", "near",
            "EQ", "eq ", "$exists", "$and", "$or", "$not", "and", "not", "", "$");

    static final List<String> RESOURCES = List.of("todos", "projects", "tags", "todo", "TODOS", "", "todos ",
            "datafn_changes", "../todos");

    private static final List<String> DATES = List.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+999999999-12-31", "-999999999-01-01", "0000-01-01", "0000-12-31T23:59:59Z", "9999-12-31T23:59:59.999999999Z",
            "10000-01-01T00:00:00Z", "+10000-01-01", "2026-02-30", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00+18:00", "2026-01-01", "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00", "1970-01-01T00:00:00.000000001Z", "-0001-01-01T00:00:00Z", "T", "2026-W01-1");

    private static final List<String> IDS = List.of("fz1", "fz2", "pj_fz", "tg_fz", "td_missing", "../etc/passwd",
            "a b", "a/b", "a\\b", "%2e%2e", "..", "a..b", ".", "-", "_", ":", "null", "0", "x".repeat(255),
            "x".repeat(256), "td_\u00e9", "\u0130d");

    private static final List<String> SHORT_STRINGS = List.of("", " ", "a", "x\u0000y", "\u0000", "%", "_", "%_%",
            "%a%a%a%b", "%%%%%%%%%%", "____", "\\", "\\%", "%\\", "'", "''", "\"", "';--", "' or '1'='1",
            "\u00e9", "\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u202Eabc", "\u200B",
            "\uFEFF", "\uFFFF", "\uD800", "\uDC00x", "e\u0301", "\u0130", "\u00DF", "\n\r\t", "\u001F", "\u007F",
            "NaN", "Infinity", "-Infinity", "1e999", "true", "null", "{}", "[]", "0x10", "1,5", "asc", "desc",
            "title:asc", "priority:desc", "id:up", ":asc", "title:", "fz1", "*", "project.*", "tags.*", "count",
            "sum", "avg", "countDistinct", "min", "max", "median");

    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "5", "6", "100", "101", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "0.5", "1.0", "1e0", "1e308", "-1e308", "1e309", "4.9e-324", "1e-400",
            "1E+400", "123456789012345678901234567890.123456789", "99999999999999999999999999999",
            "0.00000000001", "1e999999999", "-1e-999999999", "3.4028235e38");

    private HostileValues() {
    }

    /** @return any hostile value: a string, number, boolean, null, date, id, array or object */
    static JsonNode any(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> NODES.textNode(pick(random, SHORT_STRINGS));
            case 2 -> NODES.numberNode(new BigDecimal(pick(random, NUMBERS)));
            case 3 -> NODES.textNode(pick(random, DATES));
            case 4 -> NODES.textNode(pick(random, IDS));
            case 5 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 6 -> NODES.textNode(longString(random));
            case 7 -> array(random);
            case 8 -> object(random);
            case 9 -> NODES.textNode(pick(random, FIELDS));
            case 10 -> NODES.numberNode(integer(random));
            default -> NODES.textNode(unicode(random));
        };
    }

    /**
     * @return text for a search box: words, search-engine syntax ({@code * ~ " - + | ( )}), short hostile
     *     strings, random code points, or a long string
     */
    static String text(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, List.of("milk", "mil*", "milk~2", "\"buy milk\"", "-milk +bread", "milk | bread",
                    "(milk", "milk)", "*", "~", "title:milk", "AND OR NOT", "w ".repeat(33), "\\", "a* b~ c\"",
                    "caf\u00e9", "\u4e2d\u6587", "x".repeat(300)));
            case 1, 2 -> pick(random, SHORT_STRINGS);
            case 3 -> unicode(random);
            case 4 -> longString(random);
            default -> pick(random, SHORT_STRINGS) + " " + unicode(random) + " milk";
        };
    }

    /** @return a string of one repeated piece, 1,000 to 1,000,001 characters long; mostly the shorter */
    static String longString(SplittableRandom random) {
        int length = switch (random.nextInt(20)) {
            case 0 -> 1_000_001;
            case 1, 2 -> 100_000;
            default -> 1_000 + random.nextInt(9_000);
        };
        String piece = pick(random, List.of("a", "ab", "%", "_a", "\u00e9", "\uD83D\uDE00", "\u0000", "x\\"));
        return piece.repeat(Math.max(1, length / piece.length()));
    }

    /** @return a short string of random code points from every plane, surrogate halves included */
    static String unicode(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            int codePoint = switch (kind) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> random.nextInt(0x80, 0xD800);
                case 2 -> random.nextInt(0xD800, 0xE000);
                default -> random.nextInt(0x10000, 0x110000);
            };
            if (codePoint == '`') {
                // Answers are searched for backticks, which only the server's internals write.
                codePoint = '\'';
            }
            if (kind == 2) {
                out.append((char) codePoint);
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
    }

    /** @return an integer of 1 to 40 digits, either sign */
    static BigInteger integer(SplittableRandom random) {
        StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return new BigInteger(digits.toString());
    }

    /** @return a hostile date or date-time string */
    static String date(SplittableRandom random) {
        return pick(random, DATES);
    }

    /** @return a hostile id */
    static String id(SplittableRandom random) {
        return pick(random, IDS);
    }

    private static ArrayNode array(SplittableRandom random) {
        ArrayNode array = NODES.arrayNode();
        int size = switch (random.nextInt(10)) {
            case 0 -> 1_001;
            case 1 -> 10_001;
            default -> random.nextInt(4);
        };
        JsonNode item = random.nextBoolean() ? NODES.textNode(pick(random, IDS)) : NODES.numberNode(random.nextInt(10));
        for (int i = 0; i < size; i++) {
            array.add(random.nextInt(8) == 0 ? NODES.textNode(pick(random, SHORT_STRINGS)) : item);
        }
        return array;
    }

    private static ObjectNode object(SplittableRandom random) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            String key = random.nextBoolean() ? pick(random, OPERATORS) : pick(random, FIELDS);
            object.set(key, random.nextBoolean() ? NODES.textNode(pick(random, SHORT_STRINGS))
                    : NODES.numberNode(random.nextInt(-2, 7)));
        }
        return object;
    }

    /** @return one element of the list */
    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
