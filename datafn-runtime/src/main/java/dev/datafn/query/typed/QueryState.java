package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The members a typed query has set, handed from a {@link ResourceQuery} to its copies. Users never
 * look inside; a generated {@code <Record>Query} only creates the initial state and passes states on.
 * Immutable: every change gives a new state.
 *
 * @param <R> the record type of the resource
 */
public final class QueryState<R> {

    private final String resource;
    private final int version;
    private final Criterion<R> filter;
    private final List<String> fields;
    private final List<String> expanded;
    private final List<SortKey<R>> sort;
    private final Integer limit;
    private final Integer offset;
    private final String cursor;
    private final boolean count;
    private final ObjectNode search;

    private QueryState(String resource, int version, Criterion<R> filter, List<String> fields,
            List<String> expanded, List<SortKey<R>> sort, Integer limit, Integer offset, String cursor,
            boolean count, ObjectNode search) {
        this.resource = resource;
        this.version = version;
        this.filter = filter;
        this.fields = fields == null ? null : List.copyOf(fields);
        this.expanded = List.copyOf(expanded);
        this.sort = List.copyOf(sort);
        this.limit = limit;
        this.offset = offset;
        this.cursor = cursor;
        this.count = count;
        this.search = search;
    }

    /**
     * @param resource the resource name
     * @param version  the schema version queries carry
     * @param <R>      the record type of the resource
     * @return the state of a query for every record, with nothing else set
     */
    public static <R> QueryState<R> initial(String resource, int version) {
        return new QueryState<>(Objects.requireNonNull(resource, "resource"), version, null, null, List.of(),
                List.of(), null, null, null, false, null);
    }

    String resource() {
        return resource;
    }

    int version() {
        return version;
    }

    Criterion<R> filter() {
        return filter;
    }

    QueryState<R> withFilter(Criterion<R> added) {
        Criterion<R> combined = filter == null ? added : filter.and(added);
        return new QueryState<>(resource, version, combined, fields, expanded, sort, limit, offset, cursor, count, search);
    }

    QueryState<R> withFields(List<String> selected) {
        return new QueryState<>(resource, version, filter, selected, expanded, sort, limit, offset, cursor, count, search);
    }

    QueryState<R> withExpanded(List<String> relations) {
        return new QueryState<>(resource, version, filter, fields, relations, sort, limit, offset, cursor, count, search);
    }

    QueryState<R> withSort(List<SortKey<R>> keys) {
        return new QueryState<>(resource, version, filter, fields, expanded, keys, limit, offset, cursor, count, search);
    }

    QueryState<R> withLimit(int max) {
        return new QueryState<>(resource, version, filter, fields, expanded, sort, max, offset, cursor, count, search);
    }

    QueryState<R> withOffset(int skip) {
        return new QueryState<>(resource, version, filter, fields, expanded, sort, limit, skip, cursor, count, search);
    }

    QueryState<R> withCursor(String after) {
        return new QueryState<>(resource, version, filter, fields, expanded, sort, limit, offset, after, count, search);
    }

    QueryState<R> withCount(boolean total) {
        return new QueryState<>(resource, version, filter, fields, expanded, sort, limit, offset, cursor, total, search);
    }

    QueryState<R> withSearch(ObjectNode block) {
        return new QueryState<>(resource, version, filter, fields, expanded, sort, limit, offset, cursor, count, block);
    }

    /** @return a DFQL object holding only {@code resource} and {@code version}, the start of every query */
    ObjectNode header() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("resource", resource);
        out.put("version", version);
        return out;
    }

    /** Members in the order the DFQL reference lists them, and only those set. */
    ObjectNode toDfql() {
        ObjectNode out = header();
        List<String> select = select();
        if (!select.isEmpty()) {
            ArrayNode tokens = out.putArray("select");
            select.forEach(tokens::add);
        }
        if (filter != null) {
            out.set("filters", filter.toJson());
        }
        if (search != null) {
            out.set("search", search.deepCopy());
        }
        if (!sort.isEmpty()) {
            ArrayNode terms = out.putArray("sort");
            sort.forEach(k -> terms.add(k.toWire()));
        }
        if (limit != null) {
            out.put("limit", limit);
        }
        if (offset != null) {
            out.put("offset", offset);
        }
        if (cursor != null) {
            out.put("cursor", cursor);
        }
        if (count) {
            out.put("count", true);
        }
        return out;
    }

    /** Expanding a relation without choosing fields keeps every field: {@code ["*", "project.*"]}. */
    private List<String> select() {
        List<String> tokens = new ArrayList<>();
        if (fields != null) {
            tokens.addAll(fields);
        } else if (!expanded.isEmpty()) {
            tokens.add("*");
        }
        expanded.forEach(relation -> tokens.add(relation + ".*"));
        return tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryState<?> other && toDfql().equals(other.toDfql());
    }

    @Override
    public int hashCode() {
        return toDfql().hashCode();
    }
}
