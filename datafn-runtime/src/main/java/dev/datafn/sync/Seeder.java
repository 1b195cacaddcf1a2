package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.config.Limits;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.write.MutationBatch;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /datafn/seed}: records put into the caller's namespace, idempotent by id, in one
 * transaction, each recorded in the change log so sync clients receive it.
 *
 * <pre>
 * {"data": {"todos": [{"id": "todo:seed-1", "title": "Seeded"}], "tags": [...]}}
 * → {"ok": true, "inserted": {"todos": 1, "tags": 0}, "skipped": {"todos": 0, "tags": 2}}
 * </pre>
 *
 * <p>A record whose id is already stored is skipped, unchanged: seeding again changes nothing. Every
 * record needs an id, and is checked like an insert; any refusal refuses the whole seed, with the path
 * of the bad value ({@code data.todos[3].title}). At most {@code maxBatchSize} records per request.
 */
public final class Seeder {

    private static final Set<String> MEMBERS = Set.of("version", "data");

    private final Schema schema;
    private final MutationPreparer preparer;
    private final MutationBatch batch;
    private final Limits limits;

    /**
     * @param schema   the schema
     * @param preparer checks each record as an insert
     * @param batch    applies the inserts, all or nothing
     * @param limits   the limits ({@code maxBatchSize})
     */
    public Seeder(Schema schema, MutationPreparer preparer, MutationBatch batch, Limits limits) {
        this.schema = schema;
        this.preparer = preparer;
        this.batch = batch;
        this.limits = limits;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param request   the seed request
     * @return the counts inserted and skipped per table
     */
    public ObjectNode seed(Namespace namespace, String actor, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        SyncRequests.checkVersion(in);
        JsonNode data = in.get("data");
        if (data == null || !data.isObject() || data.isEmpty()) {
            throw DataFnException.invalid(in.pathOf("data"), "'data' is required: an object of table name to an "
                    + "array of records, e.g. {\"todos\": [{\"id\": \"todo:1\", ...}]}");
        }
        Map<ResourceSchema, List<PreparedMutation>> inserts = prepare(data, in.pathOf("data"));
        List<PreparedMutation> all = inserts.values().stream().flatMap(List::stream).toList();
        MutationBatch.Atomic applied = batch.applyAtomically(namespace, actor, all.size(),
                i -> new MutationBatch.Step.InsertIfAbsent(all.get(i)));
        if (!applied.ok()) {
            throw applied.error();
        }
        ObjectNode answer = Json.object();
        answer.put("ok", true);
        ObjectNode insertedOut = answer.putObject("inserted");
        ObjectNode skippedOut = answer.putObject("skipped");
        inserts.keySet().forEach(table -> {
            insertedOut.put(table.name(), 0);
            skippedOut.put(table.name(), 0);
        });
        for (int i = 0; i < all.size(); i++) {
            ObjectNode counts = applied.results().get(i) instanceof MutationBatch.StepResult.Skipped
                    ? skippedOut : insertedOut;
            String table = all.get(i).resource().name();
            counts.put(table, counts.get(table).intValue() + 1);
        }
        return answer;
    }

    private Map<ResourceSchema, List<PreparedMutation>> prepare(JsonNode data, String path) {
        Map<ResourceSchema, List<PreparedMutation>> inserts = new LinkedHashMap<>();
        int total = 0;
        Iterator<Map.Entry<String, JsonNode>> tables = data.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> t = tables.next();
            String tablePath = JsonPaths.child(path, t.getKey());
            ResourceSchema resource = SyncRequests.table(schema, t.getKey(), tablePath);
            if (!t.getValue().isArray()) {
                throw DataFnException.invalid(tablePath, "expected an array of records");
            }
            total += t.getValue().size();
            if (total > limits.maxBatchSize()) {
                throw DataFnException.invalid(path, "at most " + limits.maxBatchSize()
                        + " records per seed request (maxBatchSize); seed in several requests");
            }
            List<PreparedMutation> list = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < t.getValue().size(); i++) {
                JsonNode record = t.getValue().get(i);
                String recordPath = JsonPaths.index(tablePath, i);
                if (!record.isObject() || !record.path("id").isTextual()) {
                    throw DataFnException.invalid(JsonPaths.child(recordPath, "id"), "a seeded record needs its id: "
                            + "seeding is idempotent by id");
                }
                if (!ids.add(record.get("id").textValue())) {
                    throw DataFnException.invalid(JsonPaths.child(recordPath, "id"), "id '"
                            + record.get("id").textValue() + "' is seeded twice");
                }
                list.add(asInsert(resource, record, recordPath));
            }
            inserts.put(resource, list);
        }
        return inserts;
    }

    /** Checks a record as an insert, with errors at the record's own path rather than a mutation's. */
    private PreparedMutation asInsert(ResourceSchema resource, JsonNode record, String recordPath) {
        ObjectNode mutation = Json.object();
        mutation.put("resource", resource.name());
        mutation.put("version", resource.version());
        mutation.put("operation", "insert");
        mutation.set("record", record);
        try {
            return preparer.prepare(mutation, recordPath);
        } catch (DataFnException e) {
            String prefix = JsonPaths.child(recordPath, "record");
            String path = e.path() != null && e.path().startsWith(prefix)
                    ? recordPath + e.path().substring(prefix.length()) : e.path();
            DataFnException moved = new DataFnException(e.code(), e.getMessage(), path);
            throw e.details() == null ? moved : moved.withDetails(e.details());
        }
    }
}
