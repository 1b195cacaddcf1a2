package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON Schemas of the contracts into TypeScript types, so the declarations say exactly what the
 * OpenAPI document says: {@code $ref} to the named type, {@code const} and {@code enum} to literal unions,
 * {@code anyOf}/{@code oneOf} to unions, objects to object types with optional members where not required.
 */
final class TypeScriptTypes {

    private static final String REF_PREFIX = "#/components/schemas/";

    private TypeScriptTypes() {
    }

    /** @param schema a JSON Schema @param indent the current indentation @return its TypeScript type */
    static String of(JsonValue schema, String indent) {
        if (!(schema instanceof JsonValue.JsonObject object)) {
            return "unknown";
        }
        Map<String, JsonValue> m = object.members();
        if (m.get("$ref") instanceof JsonValue.JsonString ref) {
            return ref.value().substring(REF_PREFIX.length());
        }
        if (m.containsKey("const")) {
            return JsonWriter.write(m.get("const")).strip();
        }
        if (m.get("enum") instanceof JsonValue.JsonArray values) {
            return union(values.items().stream().map(v -> JsonWriter.write(v).strip()).toList());
        }
        for (String combinator : new String[] {"anyOf", "oneOf"}) {
            if (m.get(combinator) instanceof JsonValue.JsonArray options) {
                return union(options.items().stream().map(o -> of(o, indent)).toList());
            }
        }
        List<String> types = new ArrayList<>();
        switch (m.get("type")) {
            case JsonValue.JsonString one -> types.add(one.value());
            case JsonValue.JsonArray many -> many.items().forEach(t -> types.add(((JsonValue.JsonString) t).value()));
            case null, default -> {
                return "unknown";
            }
        }
        return union(types.stream().map(t -> type(t, m, indent)).toList());
    }

    private static String type(String type, Map<String, JsonValue> m, String indent) {
        return switch (type) {
            case "string" -> "string";
            case "integer", "number" -> "number";
            case "boolean" -> "boolean";
            case "null" -> "null";
            case "array" -> array(m, indent);
            case "object" -> object(m, indent);
            default -> "unknown";
        };
    }

    private static String array(Map<String, JsonValue> m, String indent) {
        if (m.get("prefixItems") instanceof JsonValue.JsonArray tuple) {
            return "[" + String.join(", ", tuple.items().stream().map(i -> of(i, indent)).toList()) + "]";
        }
        return m.containsKey("items") ? "Array<" + of(m.get("items"), indent) + ">" : "unknown[]";
    }

    private static String object(Map<String, JsonValue> m, String indent) {
        JsonValue additional = m.get("additionalProperties");
        if (!(m.get("properties") instanceof JsonValue.JsonObject properties)) {
            return additional instanceof JsonValue.JsonObject values
                    ? "Record<string, " + of(values, indent) + ">" : "Record<string, unknown>";
        }
        Set<String> required = new java.util.HashSet<>();
        if (m.get("required") instanceof JsonValue.JsonArray names) {
            names.items().forEach(n -> required.add(((JsonValue.JsonString) n).value()));
        }
        String inner = indent + "  ";
        StringBuilder out = new StringBuilder("{\n");
        properties.members().forEach((name, schema) -> {
            boolean readOnly = schema instanceof JsonValue.JsonObject o
                    && o.members().get("readOnly") instanceof JsonValue.JsonBoolean flag && flag.value();
            out.append(inner).append(readOnly ? "readonly " : "").append(JsonWriter.quote(name))
                    .append(required.contains(name) ? ": " : "?: ").append(of(schema, inner)).append(";\n");
        });
        if (m.containsKey("patternProperties")) {
            // Paths through relations ("project.name"): the server checks them against the related resource.
            out.append(inner).append("[path: `${string}.${string}`]: unknown;\n");
        }
        return out.append(indent).append('}').toString();
    }

    private static String union(List<String> members) {
        List<String> distinct = members.stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : "(" + String.join(" | ", distinct) + ")";
    }
}
