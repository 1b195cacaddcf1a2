package dev.datafn.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who may read and who may write one resource, and, where a field is stricter than its resource, who
 * may read or write that field. A field rule adds to the resource's rule: to read a field a caller
 * needs both the resource's read rule and the field's. Declared with {@code @Policy} and
 * {@code @Field(read = ..., write = ...)} on the record, or given to {@code DataFn.builder().policy(...)}.
 *
 * <pre>{@code
 * ResourcePolicy.of("anyone", "claim:admin")          // everyone reads, admins write
 *     .field("budget", "claim:admin", "claim:admin");  // only admins see or set the budget
 * }</pre>
 *
 * @param read        who may read the resource's records
 * @param write       who may insert, change, relate and delete its records
 * @param fieldReads  stricter read rules of single fields, by field name
 * @param fieldWrites stricter write rules of single fields, by field name
 */
public record ResourcePolicy(AccessRule read, AccessRule write, Map<String, AccessRule> fieldReads,
        Map<String, AccessRule> fieldWrites) {

    /** Checks the rules are present and copies the maps. */
    public ResourcePolicy {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(write, "write");
        fieldReads = Map.copyOf(fieldReads);
        fieldWrites = Map.copyOf(fieldWrites);
    }

    /**
     * @param read  who may read, e.g. {@code "anyone"}
     * @param write who may write, e.g. {@code "claim:admin"}
     * @return a policy with no field rules
     * @throws IllegalArgumentException when a rule is not valid
     */
    public static ResourcePolicy of(String read, String write) {
        return new ResourcePolicy(AccessRule.parse(read), AccessRule.parse(write), Map.of(), Map.of());
    }

    /**
     * @param field a field name
     * @param read  who may read it, or {@code ""} for the resource's read rule alone
     * @param write who may write it, or {@code ""} for the resource's write rule alone
     * @return this policy with the field's rules
     * @throws IllegalArgumentException when a rule is not valid
     */
    public ResourcePolicy field(String field, String read, String write) {
        Map<String, AccessRule> reads = new LinkedHashMap<>(fieldReads);
        Map<String, AccessRule> writes = new LinkedHashMap<>(fieldWrites);
        if (!read.isEmpty()) {
            reads.put(field, AccessRule.parse(read));
        }
        if (!write.isEmpty()) {
            writes.put(field, AccessRule.parse(write));
        }
        return new ResourcePolicy(this.read, this.write, reads, writes);
    }

    /**
     * @param claims the proven caller's claims, or {@code null} without a proven caller
     * @param field  a field name
     * @return whether the caller may read the field (and so the resource)
     */
    public boolean mayRead(Map<String, Object> claims, String field) {
        AccessRule own = fieldReads.get(field);
        return read.allows(claims) && (own == null || own.allows(claims));
    }

    /**
     * @param claims the proven caller's claims, or {@code null} without a proven caller
     * @param field  a field name
     * @return whether the caller may write the field (and so the resource)
     */
    public boolean mayWrite(Map<String, Object> claims, String field) {
        AccessRule own = fieldWrites.get(field);
        return write.allows(claims) && (own == null || own.allows(claims));
    }
}
