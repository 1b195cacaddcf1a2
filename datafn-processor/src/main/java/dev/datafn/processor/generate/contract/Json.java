package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Short constructors of {@link JsonValue}s, so the documents read close to the JSON they write. */
final class Json {

    private Json() {
    }

    /** @param value a string @return it as JSON */
    static JsonValue str(String value) {
        return new JsonValue.JsonString(value);
    }

    /** @param value a whole number @return it as JSON */
    static JsonValue num(long value) {
        return new JsonValue.JsonNumber(Long.toString(value));
    }

    /** @param value a finite number @return it as JSON, without a fraction when whole */
    static JsonValue num(double value) {
        return JsonValue.JsonNumber.of(value);
    }

    /** @param value a boolean @return it as JSON */
    static JsonValue bool(boolean value) {
        return new JsonValue.JsonBoolean(value);
    }

    /** @param values strings @return a JSON array of them */
    static JsonValue strings(Collection<String> values) {
        return new JsonValue.JsonArray(values.stream().map(Json::str).toList());
    }

    /** @param items values @return a JSON array of them */
    static JsonValue array(List<JsonValue> items) {
        return new JsonValue.JsonArray(items);
    }

    /** @param items items @param item each item's JSON @param <T> the item type @return a JSON array */
    static <T> JsonValue array(Collection<T> items, Function<T, JsonValue> item) {
        return new JsonValue.JsonArray(items.stream().map(item).toList());
    }

    /** @param name a component schema's name @return {@code {"$ref": "#/components/schemas/<name>"}} */
    static JsonValue ref(String name) {
        return object().put("$ref", "#/components/schemas/" + name).build();
    }

    /** @return a builder of an object whose members keep their order */
    static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** Builds a JSON object member by member. */
    static final class ObjectBuilder {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        /** @param name a member @param value its value @return this builder */
        ObjectBuilder put(String name, JsonValue value) {
            members.put(name, value);
            return this;
        }

        /** @param name a member @param value its string value @return this builder */
        ObjectBuilder put(String name, String value) {
            return put(name, str(value));
        }

        /** @param name a member @param value its value, left out when {@code null} @return this builder */
        ObjectBuilder putIfSet(String name, JsonValue value) {
            return value == null ? this : put(name, value);
        }

        /** @return whether the object has no member yet */
        boolean isEmpty() {
            return members.isEmpty();
        }

        /** @return the object */
        JsonValue.JsonObject build() {
            return new JsonValue.JsonObject(members);
        }
    }
}
