package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A checked {@code POST /datafn/clone} request.
 *
 * @param tables   the tables, in the order asked
 * @param pageSize the most rows per answer, or 0 for every row in one streamed answer
 * @param resume   where a paged clone goes on, or {@code null} for its first page
 */
record CloneRequest(List<ResourceSchema> tables, int pageSize, Resume resume) {

    private static final Set<String> MEMBERS = Set.of("version", "tables", "limit", "continuation");

    /**
     * Where a paged clone stands, carried to the client in the opaque {@code continuation}.
     *
     * @param settled the seq the first page's snapshot was settled at: every cursor of the clone
     * @param table   the index of the table to go on with
     * @param afterId the last id sent of that table, or {@code null} to start it
     */
    record Resume(long settled, int table, String afterId) {
    }

    static CloneRequest parse(Schema schema, Limits limits, Access access, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        SyncRequests.checkVersion(in);
        List<String> names = in.optionalTextArray("tables");
        if (names == null || names.isEmpty()) {
            throw DataFnException.invalid(in.pathOf("tables"), "'tables' is required: the names of the tables to "
                    + "clone, e.g. [\"todos\"]");
        }
        List<ResourceSchema> tables = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            ResourceSchema table = SyncRequests.readableTable(schema, access, names.get(i),
                    JsonPaths.index(in.pathOf("tables"), i));
            if (tables.contains(table)) {
                throw DataFnException.invalid(JsonPaths.index(in.pathOf("tables"), i), "table '" + table.name()
                        + "' is asked for twice");
            }
            tables.add(table);
        }
        Integer limit = in.optionalInt("limit", 1);
        if (limit != null && limit > limits.maxPullLimit()) {
            throw DataFnException.invalid(in.pathOf("limit"), "limit " + limit + " is over the maximum of "
                    + limits.maxPullLimit() + " rows per page (maxPullLimit); leave it out to get every row in one "
                    + "streamed answer");
        }
        String continuation = in.optionalText("continuation");
        if (continuation != null && limit == null) {
            throw DataFnException.invalid(in.pathOf("continuation"), "a continuation goes with the 'limit' of "
                    + "the clone that gave it");
        }
        Resume resume = continuation == null ? null : decode(continuation, names, in.pathOf("continuation"));
        return new CloneRequest(List.copyOf(tables), limit == null ? 0 : limit, resume);
    }

    /** @return the continuation that resumes the clone of these tables there */
    String encode(Resume at) {
        ObjectNode state = Json.object();
        state.put("s", at.settled());
        state.put("t", at.table());
        state.put("a", at.afterId());
        ArrayNode names = state.putArray("n");
        tables.forEach(t -> names.add(t.name()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(state.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Resume decode(String continuation, List<String> names, String path) {
        try {
            JsonNode state = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(continuation));
            List<String> sentFor = new ArrayList<>();
            state.get("n").forEach(n -> sentFor.add(n.textValue()));
            int table = state.get("t").intValue();
            if (!sentFor.equals(names) || table < 0 || table >= names.size() || !state.get("s").canConvertToLong()) {
                throw new IllegalArgumentException("another clone's continuation");
            }
            JsonNode after = state.get("a");
            return new Resume(state.get("s").longValue(), table, after == null || after.isNull() ? null : after.textValue());
        } catch (RuntimeException | java.io.IOException e) {
            throw DataFnException.invalid(path, "not a continuation this server gave for these tables; send the one "
                    + "from the previous page, with the same tables");
        }
    }
}
