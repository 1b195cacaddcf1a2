/**
 * The typed query API: field and relation handles with the operators their types allow, criteria,
 * sort keys and aggregates made from them, and the immutable queries generated {@code <Record>Query}
 * classes extend; each renders exactly the DFQL wire JSON.
 */
package dev.datafn.query.typed;
