package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The base of every generated {@code <Record>Query}: a typed, immutable DFQL query on resource
 * {@code R}. Every method returns a new query and leaves this one as it was, so a query can be kept in a
 * constant and refined at each use:
 *
 * <pre>{@code
 * TodoQuery.where(TodoFields.COMPLETED.isFalse().and(TodoFields.PRIORITY.gte(3)))
 *         .orderBy(TodoFields.PRIORITY.desc())
 *         .limit(20)
 * }</pre>
 *
 * <p>{@link #toDfql()} gives exactly the JSON a client sends to {@code POST /datafn/query}; a generated
 * repository runs the same query in-process. Conditions added with {@link #filter} accumulate (all must
 * hold); every other member replaces what was set before.
 *
 * @param <R> the record type of the resource
 * @param <Q> the generated query type itself, which every method returns
 */
public abstract class ResourceQuery<R, Q extends ResourceQuery<R, Q>> {

    private final QueryState<R> state;

    /** @param state the members set so far; a generated query passes on what it is given */
    protected ResourceQuery(QueryState<R> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * The copy hook: a generated query wraps a changed state in a new instance of its own type.
     *
     * @param changed the state of the copy
     * @return a new query of the generated type
     */
    protected abstract Q copy(QueryState<R> changed);

    /** @return the resource name */
    public final String resource() {
        return state.resource();
    }

    /** @return the schema version the query carries */
    public final int version() {
        return state.version();
    }

    /**
     * @param criterion a condition records must meet, in addition to those already given
     * @return the query with the condition; several conditions render as {@code {"$and": [...]}}
     */
    public final Q filter(Criterion<R> criterion) {
        return copy(state.withFilter(Objects.requireNonNull(criterion, "criterion")));
    }

    /**
     * @param keys the sort terms, most significant first; the engine breaks ties by id
     * @return the query sorted so: {@code "sort": ["priority:desc", "title:asc"]}
     */
    @SafeVarargs
    public final Q orderBy(SortKey<R>... keys) {
        List<SortKey<R>> terms = new ArrayList<>(keys.length);
        for (SortKey<R> key : keys) {
            terms.add(Objects.requireNonNull(key, "key"));
        }
        return copy(state.withSort(terms));
    }

    /**
     * Narrows to the records whose searchable fields ({@code @Field(searchable = true)}) hold every word of
     * {@code words}; without {@link #orderBy}, the best matches come first. Filters, select, limit and cursors
     * apply as usual.
     *
     * @param words the words to find, as a search box takes them
     * @return the query with {@code "search": {"query": words}}
     */
    public final Q search(String words) {
        return search(words, false, 0);
    }

    /**
     * @param words  the words to find
     * @param prefix whether a word also matches the words it begins ({@code "mil"} finds "milk")
     * @param fuzzy  the typo tolerance from 0 (exact words) to 1: up to 0.5 one edit per word, above two
     * @return the query with {@code "search": {"query": words, "prefix": prefix, "fuzzy": fuzzy}}
     * @throws IllegalArgumentException when {@code fuzzy} is outside 0 to 1
     */
    public final Q search(String words, boolean prefix, double fuzzy) {
        Objects.requireNonNull(words, "words");
        if (!(fuzzy >= 0 && fuzzy <= 1)) {
            throw new IllegalArgumentException("fuzzy must be from 0 to 1, not " + fuzzy);
        }
        ObjectNode block = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        block.put("query", words);
        if (prefix) {
            block.put("prefix", true);
        }
        if (fuzzy > 0) {
            block.put("fuzzy", fuzzy);
        }
        return copy(state.withSearch(block));
    }

    /**
     * @param max the most records to return, at least 0 (the engine refuses more than its {@code maxLimit})
     * @return the query with {@code "limit": max}
     * @throws IllegalArgumentException when {@code max} is negative
     */
    public final Q limit(int max) {
        return copy(state.withLimit(nonNegative(max, "limit")));
    }

    /**
     * @param skip how many matching records to skip
     * @return the query with {@code "offset": skip}
     * @throws IllegalArgumentException when {@code skip} is negative
     */
    public final Q offset(int skip) {
        return copy(state.withOffset(nonNegative(skip, "offset")));
    }

    /**
     * Continues after an earlier page: keyset pagination, stable however deep.
     *
     * @param cursor the {@code nextCursor} of the previous page, opaque
     * @return the query with {@code "cursor": cursor}
     */
    public final Q after(String cursor) {
        return copy(state.withCursor(Objects.requireNonNull(cursor, "cursor")));
    }

    /**
     * @param fields the fields to return; records are still built, with the other fields null (or the
     *               zero value of a primitive component)
     * @return the query with {@code "select": ["id", "title"]}
     * @throws IllegalArgumentException when no field is given
     */
    @SafeVarargs
    public final Q select(FieldHandle<R>... fields) {
        List<String> names = new ArrayList<>(fields.length);
        for (FieldHandle<R> field : fields) {
            names.add(field.name());
        }
        return copy(state.withFields(nonEmpty(names, "select")));
    }

    /**
     * Asks for related records in each result row. Without {@link #select} every field is kept:
     * {@code "select": ["*", "project.*"]}. The records a repository returns hold only the relation's ids;
     * the expanded rows are in the JSON result of {@code DataFn.query}.
     *
     * @param relations the relations to expand
     * @return the query with {@code "<relation>.*"} select tokens
     * @throws IllegalArgumentException when no relation is given
     */
    @SafeVarargs
    public final Q expand(RelationHandle<R, ?>... relations) {
        List<String> names = new ArrayList<>(relations.length);
        for (RelationHandle<R, ?> relation : relations) {
            names.add(relation.name());
        }
        return copy(state.withExpanded(nonEmpty(names, "expand")));
    }

    /**
     * @param total whether the answer carries the number of all matching records
     * @return the query with {@code "count": true}, or without the member
     */
    public final Q count(boolean total) {
        return copy(state.withCount(total));
    }

    /**
     * Groups the matching records; only this query's filter carries over to the aggregation.
     *
     * @param keys the fields whose values form the groups
     * @return an aggregation query with {@code "groupBy": [...]}; add aggregates with
     *     {@link AggregateQuery#aggregate}
     */
    @SafeVarargs
    public final AggregateQuery<R> groupBy(ScalarField<R, ?>... keys) {
        List<String> names = new ArrayList<>(keys.length);
        for (ScalarField<R, ?> key : keys) {
            names.add(key.name());
        }
        return AggregateQuery.over(state).withGroupBy(names);
    }

    /**
     * Aggregates all matching records into one row; only this query's filter carries over.
     *
     * @param aggregates the aggregates to compute
     * @return an aggregation query with {@code "aggregations": {...}}
     */
    @SafeVarargs
    public final AggregateQuery<R> aggregate(Aggregate<R, ?>... aggregates) {
        List<Aggregate<R, ?>> computed = new ArrayList<>(aggregates.length);
        for (Aggregate<R, ?> aggregate : aggregates) {
            computed.add(Objects.requireNonNull(aggregate, "aggregate"));
        }
        return AggregateQuery.over(state).withAggregates(computed);
    }

    /**
     * @return the DFQL query object: {@code resource}, {@code version}, then only the members set, in the
     *     order {@code select, filters, sort, limit, offset, cursor, count}; a fresh tree on every call
     */
    public final ObjectNode toDfql() {
        return state.toDfql();
    }

    /** Queries are values: equal when they send the same DFQL. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof ResourceQuery<?, ?> other && state.equals(other.state);
    }

    @Override
    public final int hashCode() {
        return state.hashCode();
    }

    /** @return the DFQL JSON, for logs */
    @Override
    public final String toString() {
        return toDfql().toString();
    }

    private static int nonNegative(int value, String member) {
        if (value < 0) {
            throw new IllegalArgumentException(member + " must be 0 or more, got " + value);
        }
        return value;
    }

    static List<String> nonEmpty(List<String> names, String member) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(member + " needs at least one name");
        }
        return names;
    }
}
