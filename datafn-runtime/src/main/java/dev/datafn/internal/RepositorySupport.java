package dev.datafn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.execute.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.query.typed.AggregateQuery;
import dev.datafn.query.typed.AggregateRow;
import dev.datafn.query.typed.Page;
import dev.datafn.query.typed.ResourceQuery;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine calls behind a generated {@code <Record>Repository}: records in, records out, in one
 * namespace. Generated repositories only forward to it.
 *
 * @param <R> the record type of the resource
 */
public final class RepositorySupport<R extends Record> {

    private final DataFn datafn;
    private final String resource;
    private final Class<R> recordType;
    private final String namespace;

    /**
     * @param datafn     the engine
     * @param resource   the resource name
     * @param recordType the record type
     * @param namespace  the namespace every call runs in
     */
    public RepositorySupport(DataFn datafn, String resource, Class<R> recordType, String namespace) {
        this.datafn = datafn;
        this.resource = resource;
        this.recordType = recordType;
        this.namespace = namespace;
    }

    /** @param id a record id @return the record, if it exists in this namespace */
    public Optional<R> get(String id) {
        List<R> found = findWhere(Map.of("id", id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Inserts a record. Null components are left out, so schema defaults apply; server-owned fields
     * (createdAt, updatedAt) are set by the server whatever the record holds.
     *
     * @param record the record to insert; a null id is generated
     * @return the stored record
     */
    public R insert(R record) {
        ObjectNode values = Json.MAPPER.valueToTree(record);
        ResourceSchema schema = resource();
        for (FieldSchema f : schema.fields()) {
            JsonNode v = values.get(f.name());
            if (v == null || v.isNull() || f.role().serverOwned()) {
                values.remove(f.name());
            }
        }
        ObjectNode m = mutation("insert", null);
        m.set("record", values);
        return toRecord(datafn.mutate(namespace, null, m).record());
    }

    /**
     * @param id      the record id
     * @param changes field name to new value; absent fields keep their value, null clears a field
     * @return the stored record after the merge
     */
    public R merge(String id, Map<String, ?> changes) {
        ObjectNode m = mutation("merge", id);
        m.set("record", Json.MAPPER.valueToTree(changes));
        return toRecord(datafn.mutate(namespace, null, m).record());
    }

    /** @param id the record id @return whether a record was deleted */
    public boolean delete(String id) {
        try {
            datafn.mutate(namespace, null, mutation("delete", id));
            return true;
        } catch (DataFnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * @param filters DFQL filters, e.g. {@code Map.of("completed", false)}
     * @param limit   the most records to return
     * @return the matching records, by id
     */
    public List<R> findWhere(Map<String, ?> filters, int limit) {
        ObjectNode q = Json.object();
        q.put("resource", resource);
        q.put("version", resource().version());
        q.set("filters", Json.MAPPER.valueToTree(filters));
        q.put("limit", limit);
        return records(datafn.query(namespace, q).data());
    }

    /**
     * Runs a typed query, exactly as its {@code toDfql()} would run over HTTP.
     *
     * @param query a query on this resource
     * @return the page: records, the cursor to continue, the total when the query asked for it
     */
    public Page<R> find(ResourceQuery<R, ?> query) {
        QueryResult result = datafn.query(namespace, query.toDfql());
        return new Page<>(records(result.data()), result.nextCursor(), result.count(), result.hasMore());
    }

    /**
     * Counts without reading records: the query runs with {@code limit 0} and {@code count true}.
     *
     * @param query a query on this resource; its paging and sorting do not matter
     * @return the number of records matching its filter
     */
    public long count(ResourceQuery<R, ?> query) {
        return datafn.query(namespace, query.limit(0).count(true).toDfql()).count();
    }

    /**
     * @param query an aggregation on this resource
     * @return one row per group (one row in all without {@code groupBy})
     */
    public List<AggregateRow<R>> aggregate(AggregateQuery<R> query) {
        List<AggregateRow<R>> rows = new ArrayList<>();
        for (ObjectNode row : datafn.query(namespace, query.toDfql()).data()) {
            rows.add(new AggregateRow<>(row));
        }
        return rows;
    }

    private List<R> records(List<ObjectNode> rows) {
        List<R> out = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            out.add(toRecord(row));
        }
        return out;
    }

    private ObjectNode mutation(String operation, String id) {
        ObjectNode m = Json.object();
        m.put("resource", resource);
        m.put("version", resource().version());
        m.put("operation", operation);
        if (id != null) {
            m.put("id", id);
        }
        return m;
    }

    private ResourceSchema resource() {
        return datafn.schema().resource(resource).orElseThrow(() -> new IllegalStateException(
                "resource '" + resource + "' is not in this DataFn's schema"));
    }

    private R toRecord(ObjectNode json) {
        return Json.MAPPER.convertValue(json, recordType);
    }
}
