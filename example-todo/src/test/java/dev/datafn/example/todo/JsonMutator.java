package dev.datafn.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ways a fuzz case breaks a valid request: in its JSON tree (values swapped for hostile ones,
 * members deleted, added or renamed, operators swapped, nesting deepened, opaque cursors decoded, changed
 * and encoded again) and in its bytes (truncated, broken UTF-8, duplicate keys, non-standard tokens,
 * nesting a thousand deep). Every change is drawn from the random source it is given, and nothing else.
 */
final class JsonMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutator() {
    }

    /** The template's shape kept, one or two of its scalar values replaced by values typed for their field. */
    static JsonNode replaceLeaves(SplittableRandom random, JsonNode tree) {
        List<Place> leaves = new ArrayList<>();
        collect(tree, leaves);
        leaves.removeIf(p -> p.value().isContainerNode());
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes && !leaves.isEmpty(); i++) {
            Place leaf = HostileValues.pick(random, leaves);
            leaf.set(random.nextInt(10) < 7 ? RandomDfql.value(random, leaf.field()) : HostileValues.any(random));
        }
        return tree;
    }

    /** One to three changes at random places of the tree. */
    static JsonNode mutateTree(SplittableRandom random, JsonNode root) {
        JsonNode tree = root;
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            List<Place> places = new ArrayList<>();
            collect(tree, places);
            if (places.isEmpty() || random.nextInt(20) == 0) {
                tree = HostileValues.any(random);
                continue;
            }
            change(random, HostileValues.pick(random, places));
        }
        return tree;
    }

    /**
     * A value's place: a member of an object or an element of an array, and the field it belongs to (the
     * nearest enclosing member name that is not an operator), so a value typed for that field fits there.
     */
    private record Place(JsonNode parent, String key, int index, String field) {
        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode value) {
            if (key != null) {
                ((ObjectNode) parent).set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(JsonNode node, List<Place> places) {
        collect(node, "", places);
    }

    private static void collect(JsonNode node, String field, List<Place> places) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String inner = HostileValues.OPERATORS.contains(name) ? field : name;
                places.add(new Place(node, name, -1, inner));
                collect(node.get(name), inner, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                places.add(new Place(node, null, i, field));
                collect(node.get(i), field, places);
            }
        }
    }

    private static void change(SplittableRandom random, Place place) {
        JsonNode value = place.value();
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> place.set(HostileValues.any(random));
            case 3 -> {
                if (place.key() != null) {
                    ((ObjectNode) place.parent()).remove(place.key());
                } else {
                    ((ArrayNode) place.parent()).remove(place.index());
                }
            }
            case 4 -> {
                if (place.key() != null) {
                    // Renamed to a field, an operator or a name that is neither, keeping the value.
                    ObjectNode parent = (ObjectNode) place.parent();
                    parent.remove(place.key());
                    parent.set(random.nextBoolean() ? HostileValues.pick(random, HostileValues.FIELDS)
                            : HostileValues.pick(random, HostileValues.OPERATORS), value);
                } else {
                    ((ArrayNode) place.parent()).add(value);
                }
            }
            case 5 -> {
                if (value.isObject()) {
                    ((ObjectNode) value).set(random.nextBoolean() ? HostileValues.pick(random, HostileValues.OPERATORS)
                            : HostileValues.pick(random, HostileValues.FIELDS), HostileValues.any(random));
                } else {
                    ObjectNode wrapped = NODES.objectNode();
                    wrapped.set(HostileValues.pick(random, HostileValues.OPERATORS), value);
                    place.set(random.nextBoolean() ? wrapped : NODES.arrayNode().add(value));
                }
            }
            case 6 -> place.set(deep(random, value));
            case 7 -> place.set(value.isTextual() && value.textValue().length() > 16 && random.nextBoolean()
                    ? forged(random, value.textValue()) : NODES.textNode(HostileValues.date(random)));
            case 8 -> place.set(NODES.numberNode(HostileValues.integer(random)));
            default -> place.set(NODES.textNode(HostileValues.longString(random)));
        }
    }

    /** The value nested 20 to 80 levels deep in logical groups or arrays: both sides of the parser's limit. */
    private static JsonNode deep(SplittableRandom random, JsonNode value) {
        JsonNode out = value;
        int depth = 20 + random.nextInt(60);
        for (int i = 0; i < depth; i++) {
            out = switch (random.nextInt(3)) {
                case 0 -> NODES.objectNode().set("$not", out);
                case 1 -> NODES.objectNode().set("$and", NODES.arrayNode().add(out));
                default -> NODES.arrayNode().add(out);
            };
        }
        return out;
    }

    /** An opaque cursor or continuation, decoded, changed in its tree and encoded again. */
    private static JsonNode forged(SplittableRandom random, String opaque) {
        try {
            JsonNode decoded = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(opaque));
            JsonNode changed = mutateTree(random, decoded == null ? NODES.nullNode() : decoded);
            return NODES.textNode(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Json.MAPPER.writeValueAsBytes(changed)));
        } catch (IllegalArgumentException | java.io.IOException notOpaque) {
            return NODES.textNode(Base64.getUrlEncoder().encodeToString(opaque.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Whole bodies no template makes: empty, scalar, nested a thousand deep, or not JSON at all. */
    static byte[] special(SplittableRandom random, String template) {
        String text = switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "\"" + template.replace("\"", "\\\"") + "\"";
            case 4 -> "[".repeat(1_000) + "]".repeat(1_000);
            case 5 -> "{\"resource\": \"todos\", \"version\": 1, \"filters\": " + "{\"$not\": ".repeat(1_000) + "{\"id\": 1}"
                    + "}".repeat(1_001);
            case 6 -> "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"$and\": " + "[".repeat(1_000)
                    + "]".repeat(1_000) + "}}";
            case 7 -> template.replace('"', '\'');
            case 8 -> "/* comment */ " + template;
            case 9 -> template + template;
            case 10 -> " \t\r\n ";
            default -> "{\"resource\": \"todos\", \"version\": " + "9".repeat(2_000) + "}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes broken: truncated, a stray or raw control character, a duplicate key, a non-standard token. */
    static byte[] mutateBytes(SplittableRandom random, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = random.nextInt(text.length() + 1);
        String changed = switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + HostileValues.pick(random, List.of("{", "}", ",", ":", "\"", "\u0000", "\\",
                    "\u0001", "]", "\uFEFF")) + text.substring(at);
            case 2 -> text.startsWith("{\"") ? "{" + text.substring(1, text.indexOf(',') > 0 ? text.indexOf(',') + 1 : 1)
                    + text.substring(1) : text;
            case 3 -> text.replaceFirst("[0-9]+", HostileValues.pick(random, List.of("NaN", "Infinity", "-Infinity", "01",
                    ".5", "+1", "1.", "0x1F", "1e", "--1")));
            case 4 -> "\uFEFF" + text;
            case 5 -> text + HostileValues.pick(random, List.of("x", " {}", "]", ",", "\u0000"));
            case 6 -> text.replaceFirst("\"", "\"\\u");
            default -> null;
        };
        if (changed != null) {
            return changed.getBytes(StandardCharsets.UTF_8);
        }
        // Bytes that are not UTF-8 at all, spliced in at a byte offset.
        int cut = random.nextInt(bytes.length + 1);
        byte[] bad = HostileValues.pick(random, List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                    (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, cut);
        out.writeBytes(bad);
        out.write(bytes, cut, bytes.length - cut);
        return out.toByteArray();
    }

    /** The tree as JSON; now and then with every non-ASCII character escaped, which keeps lone surrogates. */
    static byte[] write(SplittableRandom random, JsonNode tree) {
        try {
            return random.nextInt(5) == 0
                    ? Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(tree)
                    : Json.MAPPER.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a fuzz template is not JSON: " + json, e);
        }
    }
}
