package dev.datafn.mutation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one applied mutation.
 *
 * @param mutationId  the client's mutation id, or {@code null}
 * @param affectedIds the ids of the records written
 * @param serverSeq   the namespace's serverSeq of the (last) change record written; 0 when the
 *                    mutation changed nothing (relating records already related), and within a
 *                    {@link dev.datafn.Transaction} until it commits
 * @param deduped     whether this answers a retry of a mutation applied before
 * @param record      the record as stored after the mutation ({@code null} after a delete, and when
 *                    replayed for a retry)
 */
public record MutationResult(String mutationId, List<String> affectedIds, long serverSeq, boolean deduped,
        ObjectNode record) {

    /** Copies the ids. */
    public MutationResult {
        affectedIds = List.copyOf(affectedIds);
    }

    /** @return the wire form of seed 001, plus {@code serverSeq} */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.put("mutationId", mutationId);
        ArrayNode ids = out.putArray("affectedIds");
        affectedIds.forEach(ids::add);
        out.putArray("errors");
        out.put("deduped", deduped);
        out.put("serverSeq", serverSeq);
        return out;
    }

    /** @return this result as the answer to a retry: deduped, without the record */
    public MutationResult asReplay() {
        return new MutationResult(mutationId, affectedIds, serverSeq, true, null);
    }

    /**
     * Reads a stored result back as the answer to a retry.
     *
     * @param stored the JSON text {@link #toJson()} produced
     * @return the result, marked deduped
     */
    public static MutationResult replay(String stored) {
        try {
            JsonNode json = Json.MAPPER.readTree(stored);
            List<String> ids = new ArrayList<>();
            json.get("affectedIds").forEach(n -> ids.add(n.textValue()));
            JsonNode mutationId = json.get("mutationId");
            return new MutationResult(mutationId.isNull() ? null : mutationId.textValue(), ids,
                    json.get("serverSeq").longValue(), true, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored idempotency result is not JSON", e);
        }
    }
}
