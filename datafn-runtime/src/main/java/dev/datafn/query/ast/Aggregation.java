package dev.datafn.query.ast;

/**
 * One aggregation of a query: {@code "avgPriority": {"fn": "avg", "field": "priority"}}.
 *
 * @param alias    the name of the result column
 * @param function the aggregate function
 * @param field    the aggregated field, or {@code null} for {@code count} of rows
 * @param path     the JSON path of the aggregation, for errors
 */
public record Aggregation(String alias, AggregateFunction function, String field, String path) {
}
