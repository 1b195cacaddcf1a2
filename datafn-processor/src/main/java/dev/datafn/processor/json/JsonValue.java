package dev.datafn.processor.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed JSON value; objects keep their members in written order so output is deterministic. */
public sealed interface JsonValue
        permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
                JsonValue.JsonBoolean, JsonValue.JsonNull {

    /**
     * An object.
     *
     * @param members the members, in order
     */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /** Copies the members, keeping their order. */
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /**
     * An array.
     *
     * @param items the items
     */
    record JsonArray(List<JsonValue> items) implements JsonValue {
        /** Copies the items. */
        public JsonArray {
            items = List.copyOf(items);
        }
    }

    /**
     * A string.
     *
     * @param value the unescaped text
     */
    record JsonString(String value) implements JsonValue {
    }

    /**
     * A number, kept as written so no precision is lost.
     *
     * @param text the number's JSON text
     */
    record JsonNumber(String text) implements JsonValue {

        /**
         * @param value a finite number
         * @return the number, written without a fraction when it is whole ({@code 5}, not {@code 5.0})
         */
        public static JsonNumber of(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("JSON has no " + value);
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return new JsonNumber(Long.toString((long) value));
            }
            return new JsonNumber(Double.toString(value));
        }

        /** @return the exact value */
        public BigDecimal toBigDecimal() {
            return new BigDecimal(text);
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the value
     */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
    }
}
