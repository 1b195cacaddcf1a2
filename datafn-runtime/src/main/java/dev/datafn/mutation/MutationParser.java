package dev.datafn.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.json.JsonReader;
import dev.datafn.schema.SchemaNames;
import java.util.Set;

/** Parses a mutation object (seed 001, {@code POST /datafn/mutation}), checking its shape. */
public final class MutationParser {

    private static final Set<String> MEMBERS = Set.of("resource", "version", "operation", "clientId", "mutationId",
            "id", "record", "if", "relation", "targetId", "metadata");

    /** Members of the protocol this server does not execute yet: refused clearly rather than ignored. */
    private static final Set<String> NOT_YET = Set.of("if", "relation", "targetId", "metadata");

    /** Operations of the protocol this server does not execute yet. */
    private static final Set<String> OPERATIONS_NOT_YET = Set.of("replace", "upsert", "relate", "unrelate",
            "modifyRelation");

    private MutationParser() {
    }

    /** An idempotency key part: 1 to 255 characters, no control characters. */
    private static String key(JsonReader in, String member) {
        String value = in.optionalText(member);
        if (value != null && (value.isEmpty() || value.length() > SchemaNames.KEY_LENGTH
                || value.chars().anyMatch(Character::isISOControl))) {
            throw DataFnException.invalid(in.pathOf(member), "'" + member + "' has 1 to " + SchemaNames.KEY_LENGTH
                    + " characters and no control characters");
        }
        return value;
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
        if (OPERATIONS_NOT_YET.contains(operationName)) {
            throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED, "operation '" + operationName
                    + "' is not enabled on this server", in.pathOf("operation"));
        }
        Operation operation = Operation.fromWire(operationName).orElseThrow(() -> DataFnException.invalid(
                in.pathOf("operation"), "unknown operation '" + operationName + "'; use insert, merge or delete"));
        in.refuseUnsupported(NOT_YET);
        String clientId = key(in, "clientId");
        String mutationId = key(in, "mutationId");
        if ((clientId == null) != (mutationId == null)) {
            String missing = clientId == null ? "clientId" : "mutationId";
            throw DataFnException.invalid(in.pathOf(missing),
                    "clientId and mutationId go together: send both for an idempotent mutation, or neither");
        }
        String id = in.optionalText("id");
        var record = in.optionalObject("record");
        if (operation != Operation.INSERT && id == null) {
            throw DataFnException.invalid(in.pathOf("id"), "'id' is required for " + operationName);
        }
        if (operation == Operation.DELETE && record != null) {
            throw DataFnException.invalid(in.pathOf("record"), "a delete takes no record");
        }
        if (operation != Operation.DELETE && record == null) {
            throw DataFnException.invalid(in.pathOf("record"), "'record' is required for " + operationName);
        }
        return new Mutation(resource, version, operation, clientId, mutationId, id, record, path);
    }
}
