package dev.datafn.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.schema.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A committed write as the buses between instances carry it: compact JSON,
 * {@code {"ns":"user:ann","seq":42,"res":["todos"]}}. PostgreSQL refuses a NOTIFY payload of 8000 bytes or
 * more, so a write whose resources would not fit travels without them ({@code {"ns":…,"seq":…}}) and is read
 * back as a write to every resource: a client then pulls everything, which is never wrong, only wider. The
 * namespace and seq alone always fit (a namespace is at most 255 characters).
 */
final class CommitMessage {

    /** The largest payload sent: below PostgreSQL's NOTIFY limit of 8000 bytes. */
    static final int MAX_BYTES = 7999;

    private CommitMessage() {
    }

    /** @param write a committed write @return its payload, at most {@link #MAX_BYTES} bytes of UTF-8 */
    static String encode(CommittedWrite write) {
        ObjectNode message = Json.MAPPER.createObjectNode()
                .put("ns", write.namespace().value())
                .put("seq", write.lastServerSeq());
        ArrayNode resources = message.putArray("res");
        write.resources().stream().sorted().forEach(resources::add);
        String full = message.toString();
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        message.remove("res");
        return message.toString();
    }

    /**
     * @param payload       a payload of {@link #encode}
     * @param everyResource the resources a payload without its resources stands for
     * @return the write
     * @throws IllegalArgumentException when the payload is not one of ours
     */
    static CommittedWrite decode(String payload, Set<String> everyResource) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.path("ns").isTextual() || !message.path("seq").canConvertToLong()
                || !message.path("seq").isIntegralNumber()) {
            throw new IllegalArgumentException("not a committed write: " + abbreviate(payload));
        }
        Set<String> resources;
        JsonNode listed = message.get("res");
        if (listed == null) {
            resources = everyResource;
        } else if (listed.isArray()) {
            resources = new LinkedHashSet<>();
            for (JsonNode resource : listed) {
                resources.add(resource.asText());
            }
        } else {
            throw new IllegalArgumentException("not a committed write: " + abbreviate(payload));
        }
        try {
            return new CommittedWrite(Namespace.of(message.get("ns").textValue()), message.get("seq").longValue(),
                    resources);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a committed write: " + abbreviate(payload), e);
        }
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 120 ? payload : payload.substring(0, 120) + "…";
    }
}
