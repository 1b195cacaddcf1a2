/**
 * Full-text search over the searchable fields ({@code @Field(searchable = true)}) on Hibernate Search with
 * an embedded Lucene index: {@link SearchIndex} keeps each namespace's part of the index in step with the
 * change log and ranks the matches of a {@link dev.datafn.query.ast.TextSearch} (it is the engine's
 * {@link dev.datafn.db.TextSearcher}, which a query's {@code search} block narrows to); {@link SearchRequest} is
 * {@code POST /datafn/search}'s request, validated; {@link SearchResults} its answer; {@link DataFnAnalysis}
 * defines the analyzers the generated entities name.
 */
package dev.datafn.search;
