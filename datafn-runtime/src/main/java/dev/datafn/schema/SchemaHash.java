package dev.datafn.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The schema hash clients compare to know whether the server's schema changed. It covers only what a
 * client can observe (names, versions, types, constraints, relations), serialized in a fixed order,
 * so it is the same on every run and JVM and does not change when Java class names do.
 */
final class SchemaHash {

    private SchemaHash() {
    }

    static String of(Collection<ResourceSchema> resourcesByName) {
        ArrayNode canonical = Json.MAPPER.createArrayNode();
        for (ResourceSchema r : resourcesByName) {
            canonical.add(SchemaJson.resource(r));
        }
        byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
