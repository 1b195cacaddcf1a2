package dev.datafn.processor.model;

/**
 * A resource's {@code @Policy}: who may read and who may write its records, as access rules written in
 * source (checked by the validator, parsed again by the runtime).
 *
 * @param read  the read rule, e.g. {@code "anyone"}
 * @param write the write rule, e.g. {@code "claim:admin"}
 */
public record PolicyModel(String read, String write) {
}
