/**
 * Benchmarks: DataFn's query and mutation endpoints against a hand-written Helidon + JDBC baseline, side by
 * side in one run.
 */
package dev.datafn.bench;
