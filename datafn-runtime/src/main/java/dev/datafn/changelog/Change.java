package dev.datafn.changelog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change about to be logged, before it has a serverSeq.
 *
 * @param resource   the resource
 * @param recordId   the record id
 * @param operation  the operation's wire name ({@code insert}, {@code merge}, {@code relate}...)
 * @param data       the record after the change, or {@code null} for a delete
 * @param actor      who made it, or {@code null}
 * @param clientId   the client that sent it, or {@code null}
 * @param mutationId the mutation id, or {@code null}
 * @param link       for a change to a relation link, the link:
 *                   {@code {"relation", "from": {"resource", "id"}, "to": {"resource", "id"}, "metadata"}};
 *                   otherwise {@code null}
 */
public record Change(String resource, String recordId, String operation, JsonNode data, String actor,
        String clientId, String mutationId, JsonNode link) {
}
