package dev.datafn.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.datafn.error.DataFnException;
import dev.datafn.json.JsonPaths;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts field values between JSON and Java, strictly by the field's type: a string where a number
 * belongs is refused with the value's path, never coerced. Enum values stay strings here; the
 * persistence layer maps them to the Java constants.
 */
public final class FieldValues {

    /** Digits of a decimal column, in all: numeric(38, 10). */
    public static final int DECIMAL_PRECISION = 38;

    /** Digits of a decimal column after the point. */
    public static final int DECIMAL_SCALE = 10;

    /** The years a date or date-time may have: what every supported database stores and compares. */
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;

    /**
     * The first instant of year {@link #MIN_YEAR} and the first after year {@link #MAX_YEAR}. Instants are
     * compared with these rather than converted to a calendar date: Java parses instants up to year
     * 1,000,000,000, past what a calendar date can hold.
     */
    private static final Instant FIRST_INSTANT = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_INSTANT = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldValues() {
    }

    /**
     * Reads a JSON value as the field's Java value.
     *
     * @param field the field
     * @param value the JSON value; JSON null gives {@code null}
     * @param path  the value's path, for the error
     * @return the Java value: String, Boolean, Integer, Long, Double, BigDecimal, Instant, LocalDate,
     *     String (enum constant name), JsonNode, or List&lt;String&gt;
     * @throws DataFnException {@code DFQL_INVALID} when the value does not fit the type
     */
    public static Object fromJson(FieldSchema field, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case STRING -> text(field, value, path);
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw mismatch(field, value, path);
                }
                yield value.booleanValue();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw mismatch(field, value, path);
                }
                yield value.intValue();
            }
            case LONG -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw mismatch(field, value, path);
                }
                yield value.longValue();
            }
            case NUMBER -> {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw mismatch(field, value, path);
                }
                yield value.doubleValue();
            }
            case DECIMAL -> {
                if (!value.isNumber()) {
                    throw mismatch(field, value, path);
                }
                BigDecimal d = value.decimalValue().stripTrailingZeros();
                if (d.scale() > DECIMAL_SCALE || d.precision() - d.scale() > DECIMAL_PRECISION - DECIMAL_SCALE) {
                    throw DataFnException.invalid(path, "field '" + field.name() + "' holds decimals with at most "
                            + (DECIMAL_PRECISION - DECIMAL_SCALE) + " digits before the point and " + DECIMAL_SCALE
                            + " after");
                }
                yield d.scale() < 0 ? d.setScale(0) : d;
            }
            case DATETIME -> {
                Instant instant = parseInstant(field, text(field, value, path), path);
                if (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT)) {
                    throw yearsOutOfRange(field, path);
                }
                // Both databases keep microseconds; rounding here makes what is answered what is stored.
                yield instant.truncatedTo(ChronoUnit.MICROS);
            }
            case DATE -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(text(field, value, path));
                } catch (DateTimeParseException e) {
                    throw mismatch(field, value, path);
                }
                requireYear(field, date.getYear(), path);
                yield date;
            }
            case ENUM -> {
                String name = text(field, value, path);
                if (!field.enumValues().contains(name)) {
                    throw DataFnException.invalid(path, "'" + name + "' is not a value of field '" + field.name()
                            + "'; use one of " + field.enumValues());
                }
                yield name;
            }
            case JSON -> {
                if (!value.isValueNode() && !value.isContainerNode()) {
                    throw mismatch(field, value, path);
                }
                yield value;
            }
            case ID_LIST -> {
                if (!value.isArray()) {
                    throw mismatch(field, value, path);
                }
                List<String> ids = new ArrayList<>(value.size());
                for (int i = 0; i < value.size(); i++) {
                    JsonNode id = value.get(i);
                    if (!id.isTextual()) {
                        throw DataFnException.invalid(JsonPaths.index(path, i),
                                "field '" + field.name() + "' holds ids: expected a string");
                    }
                    ids.add(id.textValue());
                }
                yield ids;
            }
        };
    }

    /**
     * Writes a field's Java value as JSON.
     *
     * @param field the field
     * @param value the Java value as {@link #fromJson} returns it (enum constants are accepted too)
     * @return the JSON value
     */
    public static JsonNode toJson(FieldSchema field, Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        return switch (value) {
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            case BigDecimal d -> NODES.numberNode(d);
            case Instant t -> NODES.textNode(t.toString());
            case LocalDate d -> NODES.textNode(d.toString());
            case Enum<?> e -> NODES.textNode(e.name());
            case JsonNode n -> n;
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode(list.size());
                list.forEach(item -> array.add(String.valueOf(item)));
                yield array;
            }
            default -> throw new IllegalStateException("field '" + field.name() + "' holds an unexpected "
                    + value.getClass().getName());
        };
    }

    private static String text(FieldSchema field, JsonNode value, String path) {
        if (!value.isTextual()) {
            throw mismatch(field, value, path);
        }
        return storableText(value.textValue(), path);
    }

    /**
     * Checks that a string is text every supported database stores and compares as it was sent: without
     * the NUL character, which PostgreSQL refuses, and without half of a UTF-16 surrogate pair (a JSON
     * {@code "\ud800"}), which is no Unicode text: PostgreSQL would store {@code ?} for it and H2 the half
     * itself, so the two would match different rows.
     *
     * @param text a string from a request, bound for the database
     * @param path its path, for the error
     * @return the text
     * @throws DataFnException {@code DFQL_INVALID} at the path otherwise
     */
    public static String storableText(String text, String path) {
        if (text.indexOf('\0') >= 0) {
            throw DataFnException.invalid(path, "strings may not contain the NUL character");
        }
        int unpaired = unpairedSurrogate(text);
        if (unpaired >= 0) {
            throw DataFnException.invalid(path, "strings must be Unicode text: character " + unpaired
                    + " is half of a surrogate pair (an unpaired surrogate)");
        }
        return text;
    }

    /** @return the index of the first surrogate that is not half of a pair, or -1 */
    private static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireYear(FieldSchema field, int year, String path) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw yearsOutOfRange(field, path);
        }
    }

    private static DataFnException yearsOutOfRange(FieldSchema field, String path) {
        return DataFnException.invalid(path, "field '" + field.name() + "' takes years " + MIN_YEAR + " to " + MAX_YEAR);
    }

    private static Instant parseInstant(FieldSchema field, String text, String path) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw DataFnException.invalid(path, "field '" + field.name()
                        + "' expects an ISO-8601 date-time such as 2026-11-22T10:15:30Z, got '" + text + "'");
            }
        }
    }

    private static DataFnException mismatch(FieldSchema field, JsonNode value, String path) {
        return DataFnException.invalid(path, "field '" + field.name() + "' expects " + describe(field.type())
                + ", got " + describe(value));
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer (32-bit)";
            case LONG -> "an integer (64-bit)";
            case NUMBER -> "a number";
            case DECIMAL -> "a decimal number";
            case DATETIME -> "an ISO-8601 date-time string";
            case DATE -> "a date string (yyyy-MM-dd)";
            case ENUM -> "one of its enum values";
            case JSON -> "a JSON value";
            case ID_LIST -> "an array of id strings";
        };
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(value.textValue()) + "\"";
            case NUMBER -> "the number " + value;
            case BOOLEAN -> "the boolean " + value;
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        if (s.length() <= 40) {
            return s;
        }
        // Never between the halves of a pair: the message is sent as UTF-8, where half a pair cannot be written.
        int end = Character.isHighSurrogate(s.charAt(39)) && Character.isLowSurrogate(s.charAt(40)) ? 39 : 40;
        return s.substring(0, end) + "...";
    }
}
