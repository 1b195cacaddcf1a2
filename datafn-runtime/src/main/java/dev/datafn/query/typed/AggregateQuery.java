package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A typed DFQL aggregation over resource {@code R}: the filter of the query it came from, then
 * {@code groupBy}, {@code aggregations} and {@code having}. Made by {@link ResourceQuery#groupBy} or
 * {@link ResourceQuery#aggregate}; immutable, every method returns a new query. A repository answers it
 * with one {@link AggregateRow} per group.
 *
 * <pre>{@code
 * TodoQuery.where(TodoFields.PROJECT_ID.isNotNull())
 *         .groupBy(TodoFields.COMPLETED)
 *         .aggregate(N, AVG_PRIORITY)
 *         .having(N.gt(5L))
 * }</pre>
 *
 * @param <R> the record type of the resource
 */
public final class AggregateQuery<R> {

    private final QueryState<R> source;
    private final List<String> groupBy;
    private final List<Aggregate<R, ?>> aggregates;
    private final Criterion<AggregateRow<R>> having;

    private AggregateQuery(QueryState<R> source, List<String> groupBy, List<Aggregate<R, ?>> aggregates,
            Criterion<AggregateRow<R>> having) {
        this.source = source;
        this.groupBy = List.copyOf(groupBy);
        this.aggregates = List.copyOf(aggregates);
        this.having = having;
        // A row is one JSON object: a group key and an alias of the same name would overwrite each other.
        Set<String> names = new HashSet<>(this.groupBy);
        for (Aggregate<R, ?> a : this.aggregates) {
            if (!names.add(a.alias())) {
                throw new IllegalArgumentException("the name '" + a.alias() + "' is used twice in one result row");
            }
        }
    }

    static <R> AggregateQuery<R> over(QueryState<R> source) {
        return new AggregateQuery<>(source, List.of(), List.of(), null);
    }

    /**
     * @param keys the fields whose values form the groups
     * @return the query with {@code "groupBy": ["completed"]}, replacing earlier keys
     * @throws IllegalArgumentException when no key is given
     */
    @SafeVarargs
    public final AggregateQuery<R> groupBy(ScalarField<R, ?>... keys) {
        List<String> names = new ArrayList<>(keys.length);
        for (ScalarField<R, ?> key : keys) {
            names.add(key.name());
        }
        return withGroupBy(names);
    }

    AggregateQuery<R> withGroupBy(List<String> names) {
        return new AggregateQuery<>(source, ResourceQuery.nonEmpty(names, "groupBy"), aggregates, having);
    }

    /**
     * @param computed the aggregates to compute per group
     * @return the query with {@code "aggregations": {"n": {"fn": "count"}, ...}}, replacing earlier ones
     * @throws IllegalArgumentException when none is given, or two share a name
     */
    @SafeVarargs
    public final AggregateQuery<R> aggregate(Aggregate<R, ?>... computed) {
        List<Aggregate<R, ?>> list = new ArrayList<>(computed.length);
        for (Aggregate<R, ?> aggregate : computed) {
            list.add(Objects.requireNonNull(aggregate, "aggregate"));
        }
        return withAggregates(list);
    }

    AggregateQuery<R> withAggregates(List<Aggregate<R, ?>> computed) {
        if (computed.isEmpty()) {
            throw new IllegalArgumentException("aggregate needs at least one aggregate");
        }
        return new AggregateQuery<>(source, groupBy, computed, having);
    }


    /**
     * @param condition a condition on the aggregates groups must meet, in addition to those already given
     * @return the query with {@code "having": {"n": {"gt": 5}}}
     */
    public AggregateQuery<R> having(Criterion<AggregateRow<R>> condition) {
        Objects.requireNonNull(condition, "condition");
        return new AggregateQuery<>(source, groupBy, aggregates, having == null ? condition : having.and(condition));
    }

    /** @return the resource name */
    public String resource() {
        return source.resource();
    }

    /**
     * @return the DFQL query object: {@code resource}, {@code version}, then only the members set, in the
     *     order {@code filters, groupBy, aggregations, having}; a fresh tree on every call
     */
    public ObjectNode toDfql() {
        ObjectNode out = source.header();
        if (source.filter() != null) {
            out.set("filters", source.filter().toJson());
        }
        if (!groupBy.isEmpty()) {
            ArrayNode keys = out.putArray("groupBy");
            groupBy.forEach(keys::add);
        }
        if (!aggregates.isEmpty()) {
            ObjectNode definitions = out.putObject("aggregations");
            aggregates.forEach(a -> definitions.set(a.alias(), a.toJson()));
        }
        if (having != null) {
            out.set("having", having.toJson());
        }
        return out;
    }

    /** Queries are values: equal when they send the same DFQL. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AggregateQuery<?> other && toDfql().equals(other.toDfql());
    }

    @Override
    public int hashCode() {
        return toDfql().hashCode();
    }

    /** @return the DFQL JSON, for logs */
    @Override
    public String toString() {
        return toDfql().toString();
    }
}
