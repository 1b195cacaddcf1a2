package dev.datafn.mutation.prepare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.datafn.json.Json;

/**
 * JSON text with object keys sorted, so two payloads that mean the same hash the same: compact, keys in
 * {@link String#compareTo} order at every level, strings and numbers as Jackson writes them. Stored request
 * hashes depend on this text, so it never changes.
 */
final class CanonicalJson {

    /** One generator per document, sorting each object's properties as it writes them. */
    private static final ObjectWriter SORTED = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        try {
            return SORTED.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
