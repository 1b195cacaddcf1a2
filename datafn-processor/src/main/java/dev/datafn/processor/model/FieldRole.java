package dev.datafn.processor.model;

/** Who owns a field's value; names match the runtime's {@code dev.datafn.schema.FieldRole} constants. */
public enum FieldRole {
    /** The record's id ({@code @Id}). */
    ID,
    /** An ordinary field a client writes. */
    DATA,
    /** Set by the server on insert ({@code @CreatedAt}). */
    CREATED_AT,
    /** Set by the server on every write ({@code @UpdatedAt}). */
    UPDATED_AT
}
