package dev.datafn.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One mutation as sent, before it is checked against the schema.
 *
 * @param resource   the resource name
 * @param version    the schema version the client expects
 * @param operation  the operation
 * @param clientId   the sending client, for idempotency; {@code null} with {@code mutationId}
 * @param mutationId the client's id for this mutation; {@code null} with {@code clientId}
 * @param id         the record id (required except for insert)
 * @param record     the field values to write, or {@code null} for delete and relation operations
 * @param guard      the {@code if} filter the current record must match, or {@code null}
 * @param relation   the relation name of a relation operation, else {@code null}
 * @param targetId   the related record's id of a relation operation, else {@code null}
 * @param metadata   the link metadata of {@code relate} / {@code modifyRelation}, or {@code null}
 * @param path       the mutation's JSON path in the request, for errors
 */
public record Mutation(String resource, int version, Operation operation, String clientId, String mutationId,
        String id, ObjectNode record, JsonNode guard, String relation, String targetId, ObjectNode metadata,
        String path) {

    /** @return whether the mutation carries an idempotency key */
    public boolean idempotent() {
        return clientId != null;
    }
}
