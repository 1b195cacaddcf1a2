package dev.datafn.processor.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON pretty-printed with two spaces. Arrays of scalars stay on one line; everything else gets
 * one member per line. The same value always gives the same text.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /**
     * @param value a JSON value
     * @return its pretty-printed text, ending with a newline
     */
    public static String write(JsonValue value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.append('\n').toString();
    }

    /**
     * @param value a string
     * @return the string as a JSON string literal, quotes included
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private void value(JsonValue value, int depth) {
        switch (value) {
            case JsonValue.JsonObject object -> object(object, depth);
            case JsonValue.JsonArray array -> array(array, depth);
            case JsonValue.JsonString string -> out.append(quote(string.value()));
            case JsonValue.JsonNumber number -> out.append(number.text());
            case JsonValue.JsonBoolean bool -> out.append(bool.value());
            case JsonValue.JsonNull ignored -> out.append("null");
        }
    }

    private void object(JsonValue.JsonObject object, int depth) {
        if (object.members().isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<Map.Entry<String, JsonValue>> members = object.members().entrySet().iterator();
        while (members.hasNext()) {
            Map.Entry<String, JsonValue> member = members.next();
            indent(depth + 1);
            out.append(quote(member.getKey())).append(": ");
            value(member.getValue(), depth + 1);
            out.append(members.hasNext() ? ",\n" : "\n");
        }
        indent(depth);
        out.append('}');
    }

    private void array(JsonValue.JsonArray array, int depth) {
        if (array.items().isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = array.items().stream()
                .noneMatch(item -> item instanceof JsonValue.JsonObject || item instanceof JsonValue.JsonArray);
        if (scalars) {
            out.append('[');
            for (int i = 0; i < array.items().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(array.items().get(i), depth);
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (int i = 0; i < array.items().size(); i++) {
            indent(depth + 1);
            value(array.items().get(i), depth + 1);
            out.append(i < array.items().size() - 1 ? ",\n" : "\n");
        }
        indent(depth);
        out.append(']');
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }
}
