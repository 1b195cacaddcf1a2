package dev.datafn.query.ast;

import java.util.List;

/**
 * One DFQL query as parsed from the wire, before it is checked against the schema: a value that can be
 * built in Java, compared, logged and executed in-process or over HTTP alike.
 *
 * @param resource     the resource name
 * @param version      the schema version the client expects
 * @param select       the fields and relation tokens ({@code "project.*"}) to return, or {@code null} for all fields
 * @param omit         fields to leave out of the result, or empty
 * @param filter       the filter, or {@code null} for all records
 * @param sort         the sort keys, in order; the id is always the final tiebreaker
 * @param limit        the most records to return, or {@code null} for the server's maximum
 * @param offset       how many matching records to skip, or {@code null}
 * @param cursor       the opaque cursor of the page to continue from, or {@code null}
 * @param count        whether to include the total number of matching records
 * @param groupBy      the fields to group by, or empty
 * @param aggregations the aggregations, or empty
 * @param having       the filter over aggregation aliases and group fields, or {@code null}
 * @param search       the full-text search that narrows the records, or {@code null}
 */
public record Query(
        String resource,
        int version,
        List<String> select,
        List<String> omit,
        Filter filter,
        List<SortTerm> sort,
        Integer limit,
        Integer offset,
        String cursor,
        boolean count,
        List<String> groupBy,
        List<Aggregation> aggregations,
        Filter having,
        TextSearch search) {

    /** Copies the lists. */
    public Query {
        select = select == null ? null : List.copyOf(select);
        omit = omit == null ? List.of() : List.copyOf(omit);
        sort = sort == null ? List.of() : List.copyOf(sort);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
    }

    /** @return whether this query groups or aggregates rather than returning records */
    public boolean aggregates() {
        return !groupBy.isEmpty() || !aggregations.isEmpty();
    }
}
