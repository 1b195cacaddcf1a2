/**
 * Full-text search over the searchable fields ({@code @Field(searchable = true)}) on Hibernate Search with
 * an embedded Lucene index: {@link SearchIndex} keeps each namespace's part of the index in step with the
 * change log and answers {@link SearchTerms}; {@link SearchRequest} is {@code POST /datafn/search}'s request,
 * validated; {@link DataFnAnalysis} defines the analyzers the generated entities name.
 */
package dev.datafn.search;
