package dev.datafn.processor.model;

/**
 * The single-valued field types, named like the runtime's {@code dev.datafn.schema.FieldType} constants
 * so generators can emit {@code FieldType.<name()>}.
 */
public enum ScalarKind {
    /** {@code String}. */
    STRING("string"),
    /** {@code boolean} / {@code Boolean}. */
    BOOLEAN("boolean"),
    /** {@code int} / {@code Integer}. */
    INTEGER("integer"),
    /** {@code long} / {@code Long}. */
    LONG("long"),
    /** {@code double} / {@code Double}. */
    NUMBER("number"),
    /** {@code BigDecimal}. */
    DECIMAL("decimal"),
    /** {@code Instant}. */
    DATETIME("datetime"),
    /** {@code LocalDate}. */
    DATE("date"),
    /** {@code JsonNode} holding an object. */
    JSON("json");

    private final String wireName;

    ScalarKind(String wireName) {
        this.wireName = wireName;
    }

    /** @return the type's name in {@code schema.json} */
    public String wireName() {
        return wireName;
    }

    /** @return whether {@code min} and {@code max} apply */
    public boolean isNumeric() {
        return this == INTEGER || this == LONG || this == NUMBER || this == DECIMAL;
    }
}
