package dev.datafn.mutation.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.Operation;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.SchemaNames;
import java.util.Set;

/** Parses a mutation object (seed 001, {@code POST /datafn/mutation}), checking its shape. */
public final class MutationParser {

    private static final Set<String> MEMBERS = Set.of("resource", "version", "operation", "clientId", "mutationId",
            "id", "record", "if", "relation", "targetId", "metadata");

    private MutationParser() {
    }

    /** An idempotency key part: 1 to 255 characters, no control characters, Unicode text. */
    private static String key(JsonReader in, String member) {
        String value = in.optionalText(member);
        if (value != null && (value.isEmpty() || value.length() > SchemaNames.KEY_LENGTH
                || value.chars().anyMatch(Character::isISOControl))) {
            throw DataFnException.invalid(in.pathOf(member), "'" + member + "' has 1 to " + SchemaNames.KEY_LENGTH
                    + " characters and no control characters");
        }
        return value == null ? null : FieldValues.storableText(value, in.pathOf(member));
    }

    /**
     * @param json the mutation object
     * @param path its JSON path in the request
     * @return the mutation
     */
    public static Mutation parse(JsonNode json, String path) {
        JsonReader in = JsonReader.of(json, path, MEMBERS);
        String resource = in.requiredText("resource");
        int version = in.requiredInt("version");
        String operationName = in.requiredText("operation");
        Operation operation = Operation.fromWire(operationName).orElseThrow(() -> DataFnException.invalid(
                in.pathOf("operation"), "unknown operation '" + operationName + "'; use one of "
                        + Operation.wireNames()));
        String clientId = key(in, "clientId");
        String mutationId = key(in, "mutationId");
        if ((clientId == null) != (mutationId == null)) {
            String missing = clientId == null ? "clientId" : "mutationId";
            throw DataFnException.invalid(in.pathOf(missing),
                    "clientId and mutationId go together: send both for an idempotent mutation, or neither");
        }
        String id = in.optionalText("id");
        ObjectNode record = in.optionalObject("record");
        JsonNode guard = in.has("if") ? in.get("if") : null;
        // An insert may leave the id to the server; an upsert may carry it in record.id.
        if (operation != Operation.INSERT && operation != Operation.UPSERT && id == null) {
            throw DataFnException.invalid(in.pathOf("id"), "'id' is required for " + operationName);
        }
        if (operation == Operation.INSERT && guard != null) {
            throw DataFnException.invalid(in.pathOf("if"), "an insert has no current record to guard; "
                    + "use upsert or merge with 'if'");
        }
        boolean takesRecord = !operation.onRelation() && operation != Operation.DELETE;
        if (!takesRecord && record != null) {
            throw DataFnException.invalid(in.pathOf("record"), "a " + operationName + " takes no record");
        }
        if (takesRecord && record == null) {
            throw DataFnException.invalid(in.pathOf("record"), "'record' is required for " + operationName);
        }
        String relation = null;
        String targetId = null;
        ObjectNode metadata = null;
        if (operation.onRelation()) {
            relation = in.requiredText("relation");
            targetId = in.requiredText("targetId");
            metadata = in.optionalObject("metadata");
            if (operation == Operation.MODIFY_RELATION && metadata == null) {
                throw DataFnException.invalid(in.pathOf("metadata"), "'metadata' is required for modifyRelation");
            }
            if (operation == Operation.UNRELATE && metadata != null) {
                throw DataFnException.invalid(in.pathOf("metadata"), "an unrelate takes no metadata");
            }
        } else {
            for (String member : new String[] {"relation", "targetId", "metadata"}) {
                if (in.has(member)) {
                    throw DataFnException.invalid(in.pathOf(member), "'" + member + "' belongs to relate, unrelate "
                            + "and modifyRelation, not to " + operationName);
                }
            }
        }
        return new Mutation(resource, version, operation, clientId, mutationId, id, record, guard, relation, targetId,
                metadata, path);
    }
}
