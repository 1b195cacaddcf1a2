/**
 * Per-request phase timing: what the engine records, on the request's thread, only while someone listens.
 */
package dev.datafn.timing;
