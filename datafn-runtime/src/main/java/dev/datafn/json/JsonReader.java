package dev.datafn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the members of one request object with type checks, reporting every mismatch as
 * {@code DFQL_INVALID} at the member's path. The request parsers of every endpoint use it, so they all
 * word their errors alike.
 */
public final class JsonReader {

    private final ObjectNode object;
    private final String path;

    private JsonReader(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * @param node    the node that must be an object
     * @param path    its path
     * @param allowed the member names it may have; any other is refused
     * @return a reader over it
     */
    public static JsonReader of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw DataFnException.invalid(path, "expected a JSON object" + (node == null ? "" : ", got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw DataFnException.invalid(JsonPaths.child(path, name),
                        "unknown member '" + name + "'; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
        return new JsonReader((ObjectNode) node, path);
    }

    /** @return the object being read */
    public ObjectNode object() {
        return object;
    }

    /** @param name a member @return its path */
    public String pathOf(String name) {
        return JsonPaths.child(path, name);
    }

    /** @param name a member @return whether it is present and not null */
    public boolean has(String name) {
        JsonNode v = object.get(name);
        return v != null && !v.isNull();
    }

    /** @param name a member @return its value, or {@code null} when absent or null */
    public JsonNode get(String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** @param name a required string member @return its value */
    public String requiredText(String name) {
        String v = optionalText(name);
        if (v == null) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' is required");
        }
        return v;
    }

    /** @param name an optional string member @return its value or {@code null} */
    public String optionalText(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be a string");
        }
        return v.textValue();
    }

    /** @param name a required integer member @return its value */
    public int requiredInt(String name) {
        Integer v = optionalInt(name, Integer.MIN_VALUE);
        if (v == null) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' is required");
        }
        return v;
    }

    /**
     * @param name an optional integer member
     * @param min  the smallest accepted value
     * @return its value or {@code null}
     */
    public Integer optionalInt(String name, int min) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be an integer");
        }
        if (v.intValue() < min) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be " + min + " or more");
        }
        return v.intValue();
    }

    /** @param name an optional boolean member @param fallback its default @return its value */
    public boolean optionalBoolean(String name, boolean fallback) {
        JsonNode v = get(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be true or false");
        }
        return v.booleanValue();
    }

    /** @param name an optional array-of-strings member @return its values, or {@code null} when absent */
    public List<String> optionalTextArray(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw DataFnException.invalid(JsonPaths.index(pathOf(name), i), "expected a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** @param name an optional object member @return it, or {@code null} when absent */
    public ObjectNode optionalObject(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw DataFnException.invalid(pathOf(name), "'" + name + "' must be an object");
        }
        return (ObjectNode) v;
    }
}
