/** Benchmarks: DataFn's query endpoint against a hand-written Helidon + JDBC baseline, side by side in one run. */
package dev.datafn.bench;
