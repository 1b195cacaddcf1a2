package dev.datafn.query.ast;

/**
 * One sort key: {@code "priority:desc"}.
 *
 * @param field     the field name
 * @param ascending whether the order is ascending
 * @param path      the JSON path of the term
 */
public record SortTerm(String field, boolean ascending, String path) {
}
