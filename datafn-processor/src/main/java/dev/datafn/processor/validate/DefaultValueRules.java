package dev.datafn.processor.validate;

import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonSyntaxException;
import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Decides whether a default value's JSON text is a value of a field's type. */
final class DefaultValueRules {

    private DefaultValueRules() {
    }

    /**
     * @param type the field type
     * @param json the default as JSON text
     * @return what a valid default looks like, when this one is not valid
     */
    static Optional<String> problem(FieldType type, String json) {
        JsonValue value;
        try {
            value = JsonReader.parse(json);
        } catch (JsonSyntaxException e) {
            return Optional.of("it is not JSON (" + e.getMessage() + "); " + expected(type));
        }
        return fits(type, value) ? Optional.empty() : Optional.of(expected(type));
    }

    private static boolean fits(FieldType type, JsonValue value) {
        return switch (type) {
            case FieldType.EnumType enumType ->
                    value instanceof JsonValue.JsonString s && enumType.constants().contains(s.value());
            case FieldType.IdList ignored -> false;
            case FieldType.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> value instanceof JsonValue.JsonString;
                case BOOLEAN -> value instanceof JsonValue.JsonBoolean;
                case INTEGER -> isWhole(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case LONG -> isWhole(value, Long.MIN_VALUE, Long.MAX_VALUE);
                case NUMBER, DECIMAL -> value instanceof JsonValue.JsonNumber;
                case DATE -> value instanceof JsonValue.JsonString s && parses(() -> LocalDate.parse(s.value()));
                case DATETIME -> value instanceof JsonValue.JsonString s && parses(() -> Instant.parse(s.value()));
                case JSON -> value instanceof JsonValue.JsonObject;
            };
        };
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case FieldType.EnumType enumType -> "use one of the constants: " + String.join(", ", enumType.constants());
            case FieldType.IdList ignored -> "a relation list has no default; remove defaultValue";
            case FieldType.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> "write a JSON string such as \"\\\"text\\\"\", or a bare word such as \"red\"";
                case BOOLEAN -> "write \"true\" or \"false\"";
                case INTEGER -> "write a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                        + ", e.g. \"0\"";
                case LONG -> "write a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", e.g. \"0\"";
                case NUMBER, DECIMAL -> "write a JSON number, e.g. \"0.5\"";
                case DATE -> "write a quoted date, e.g. \"\\\"2026-01-31\\\"\"";
                case DATETIME -> "write a quoted ISO instant, e.g. \"\\\"2026-01-31T10:15:30Z\\\"\"";
                case JSON -> "write a JSON object, e.g. \"{}\"";
            };
        };
    }

    private static boolean isWhole(JsonValue value, long min, long max) {
        if (!(value instanceof JsonValue.JsonNumber number)) {
            return false;
        }
        BigDecimal decimal = number.toBigDecimal();
        // More than 20 integer digits is out of any range; checking first avoids expanding 1e999999999.
        if (decimal.precision() - decimal.scale() > 20) {
            return false;
        }
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            return false;
        }
        BigInteger whole = decimal.toBigInteger();
        return whole.compareTo(BigInteger.valueOf(min)) >= 0 && whole.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
