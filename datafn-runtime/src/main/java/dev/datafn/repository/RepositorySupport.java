package dev.datafn.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.Scope;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.typed.MergeMutation;
import dev.datafn.mutation.typed.MutationFactory;
import dev.datafn.mutation.typed.TypedMutation;
import dev.datafn.query.typed.AggregateQuery;
import dev.datafn.query.typed.AggregateRow;
import dev.datafn.query.typed.Criterion;
import dev.datafn.query.typed.Page;
import dev.datafn.query.typed.RelationHandle;
import dev.datafn.query.typed.ResourceQuery;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The engine calls behind a generated {@code <Record>Repository}: records in, records out, over one
 * {@link Scope} (a namespace, or one transaction). Generated repositories only forward to it.
 *
 * @param <R> the record type of the resource
 */
public final class RepositorySupport<R extends Record> {

    private final Scope scope;
    private final MutationFactory<R> mutations;
    private final Class<R> recordType;

    /**
     * Works in one namespace, each call in its own transaction, describing the resource from the engine's
     * schema.
     *
     * @param datafn     the engine
     * @param resource   the resource name
     * @param recordType the record type
     * @param namespace  the namespace every call runs in
     * @throws IllegalStateException when the resource is not in the engine's schema
     * @throws DataFnException       {@code FORBIDDEN} when the namespace is not valid
     */
    public RepositorySupport(DataFn datafn, String resource, Class<R> recordType, Namespace namespace) {
        this(datafn.in(namespace, null), factoryOf(datafn, resource), recordType);
    }

    /**
     * @param scope      where every call runs: a namespace ({@code DataFn.in}) or a transaction
     * @param mutations  the resource's mutation factory, from the generated {@code <Record>Mutations}
     * @param recordType the record type
     */
    public RepositorySupport(Scope scope, MutationFactory<R> mutations, Class<R> recordType) {
        this.scope = scope;
        this.mutations = mutations;
        this.recordType = recordType;
    }

    private static <R> MutationFactory<R> factoryOf(DataFn datafn, String resource) {
        ResourceSchema schema = datafn.schema().resource(resource).orElseThrow(() -> new IllegalStateException(
                "resource '" + resource + "' is not in this DataFn's schema"));
        List<String> serverOwned = schema.fields().stream()
                .filter(f -> f.role().serverOwned())
                .map(FieldSchema::name)
                .toList();
        return new MutationFactory<>(schema.name(), schema.version(), serverOwned);
    }

    /** @param other another scope, e.g. a transaction @return the same calls over that scope */
    public RepositorySupport<R> in(Scope other) {
        return new RepositorySupport<>(other, mutations, recordType);
    }

    /** @param id a record id @return the record, if it exists in this scope's namespace */
    public Optional<R> get(String id) {
        ObjectNode byId = Json.object();
        byId.put("id", Objects.requireNonNull(id, "id"));
        List<R> found = findWhere(byId, 1);
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
        return write(mutations.insert(record));
    }

    /**
     * @param record the whole new record, with the id of a stored one; null components take their default
     * @return the stored record
     */
    public R replace(R record) {
        return write(mutations.replace(record));
    }

    /**
     * @param record the whole record, with its id: it replaces the stored one, or is inserted
     * @return the stored record
     */
    public R upsert(R record) {
        return write(mutations.upsert(record));
    }

    /**
     * Merges changes into one record: the fields the changes set or clear change, every other keeps its
     * value. The changes are made on the resource's typed merge, so a field of another resource or a
     * value of the wrong type does not compile:
     * {@code merge(id, m -> m.set(TodoFields.COMPLETED, true).clear(TodoFields.NOTES))}.
     *
     * @param id      the record id
     * @param changes adds the changes to the merge of this id it is given, with {@code set} and
     *                {@code clear}; it may also add {@code ifMatches} conditions and an idempotency key
     * @return the stored record after the merge
     * @throws IllegalArgumentException when {@code changes} answers a merge of another record
     * @throws DataFnException          {@code NOT_FOUND} when there is no such record, {@code CONFLICT}
     *                                  when an {@code ifMatches} condition does not hold
     */
    public R merge(String id, UnaryOperator<MergeMutation<R>> changes) {
        MergeMutation<R> merge = Objects.requireNonNull(changes.apply(mutations.merge(id)), "changes answered null");
        String mergedId = merge.toWire().path("id").textValue();
        if (!id.equals(mergedId) || !merge.resource().equals(mutations.resource())) {
            throw new IllegalArgumentException("the changes for '" + mutations.resource() + "' record '" + id
                    + "' answered a merge of '" + merge.resource() + "' record '" + mergedId
                    + "'; add the changes to the merge they are given");
        }
        return write(merge);
    }

    /** @param id the record id @return whether a record was deleted; false when there was none */
    public boolean delete(String id) {
        try {
            scope.mutate(mutations.delete(id));
            return true;
        } catch (DataFnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * @param id       the record id
     * @param relation a relation of this resource
     * @param targetId the id of the record to link to
     * @return the record after the link was added
     */
    public R relate(String id, RelationHandle<R, ?> relation, String targetId) {
        return write(mutations.relate(id, relation, targetId));
    }

    /**
     * @param id       the record id
     * @param relation a relation of this resource
     * @param targetId the id of the linked record
     * @return the record after the link was removed
     */
    public R unrelate(String id, RelationHandle<R, ?> relation, String targetId) {
        return write(mutations.unrelate(id, relation, targetId));
    }

    /**
     * Applies any typed mutation on this resource and reads back what it left. The engine answers the
     * stored record for every write but a delete; a retry the engine recognizes by its idempotency key
     * answers none, and the record is then read again by id.
     *
     * @param mutation the mutation
     * @return the record as stored after the mutation; empty after a delete, or when the record is gone
     */
    public Optional<R> apply(TypedMutation<R> mutation) {
        ObjectNode wire = mutation.toWire();
        MutationResult result = scope.mutate(wire);
        if (result.record() != null) {
            return Optional.of(toRecord(result.record()));
        }
        if ("delete".equals(wire.path("operation").textValue())) {
            return Optional.empty();
        }
        JsonNode id = wire.get("id");
        if (id != null && id.isTextual()) {
            return get(id.textValue());
        }
        return result.affectedIds().isEmpty() ? Optional.empty() : get(result.affectedIds().get(0));
    }

    /** A write after which the record exists; only a concurrent delete can take it away. */
    private R write(TypedMutation<R> mutation) {
        return apply(mutation).orElseThrow(() -> new DataFnException(ErrorCode.NOT_FOUND,
                "the '" + mutations.resource() + "' record was deleted right after it was written"));
    }

    /**
     * @param where a condition on this resource, e.g. {@code TodoFields.COMPLETED.isFalse()}
     * @param limit the most records to return
     * @return the matching records, by id
     */
    public List<R> findWhere(Criterion<R> where, int limit) {
        return findWhere(Objects.requireNonNull(where, "where").toJson(), limit);
    }

    private List<R> findWhere(ObjectNode filters, int limit) {
        ObjectNode q = Json.object();
        q.put("resource", mutations.resource());
        q.put("version", mutations.version());
        q.set("filters", filters);
        q.put("limit", limit);
        return records(scope.query(q).data());
    }

    /**
     * Runs a typed query, exactly as its {@code toDfql()} would run over HTTP.
     *
     * @param query a query on this resource
     * @return the page: records, the cursor to continue, the total when the query asked for it
     */
    public Page<R> find(ResourceQuery<R, ?> query) {
        QueryResult result = scope.query(query.toDfql());
        return new Page<>(records(result.data()), result.nextCursor(), result.count(), result.hasMore());
    }

    /**
     * Counts without reading records: the query runs with {@code limit 0} and {@code count true}.
     *
     * @param query a query on this resource; its paging and sorting do not matter
     * @return the number of records matching its filter
     */
    public long count(ResourceQuery<R, ?> query) {
        return scope.query(query.limit(0).count(true).toDfql()).count();
    }

    /**
     * @param query an aggregation on this resource
     * @return one row per group (one row in all without {@code groupBy})
     */
    public List<AggregateRow<R>> aggregate(AggregateQuery<R> query) {
        List<AggregateRow<R>> rows = new ArrayList<>();
        for (ObjectNode row : scope.query(query.toDfql()).data()) {
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

    private R toRecord(ObjectNode json) {
        return Json.MAPPER.convertValue(json, recordType);
    }
}
