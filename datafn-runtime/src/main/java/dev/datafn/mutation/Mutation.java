package dev.datafn.mutation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One mutation as sent, before it is checked against the schema.
 *
 * @param resource   the resource name
 * @param version    the schema version the client expects
 * @param operation  the operation
 * @param clientId   the sending client, for idempotency; {@code null} with {@code mutationId}
 * @param mutationId the client's id for this mutation; {@code null} with {@code clientId}
 * @param id         the record id (required for merge and delete; optional for insert)
 * @param record     the field values to write, or {@code null} for a delete
 * @param path       the mutation's JSON path in the request, for errors
 */
public record Mutation(String resource, int version, Operation operation, String clientId, String mutationId,
        String id, ObjectNode record, String path) {

    /** @return whether the mutation carries an idempotency key */
    public boolean idempotent() {
        return clientId != null;
    }
}
