/**
 * The engine: {@link dev.datafn.DataFn}, every protocol operation as an in-process call, and the
 * {@link dev.datafn.Scope} and {@link dev.datafn.Transaction} generated repositories run over. It sits
 * above the packages that do the work (schema, query, db, changelog, sequence, mutation, sync) and below
 * {@code http}, which serves it.
 */
package dev.datafn;
