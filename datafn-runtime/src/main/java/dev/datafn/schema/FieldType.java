package dev.datafn.schema;

/**
 * The value type of a resource field, with its name in {@code schema.json} and on the wire.
 * Each type maps to exactly one Java type in records and entities.
 */
public enum FieldType {
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
    /** {@code BigDecimal}, exact; sent as a JSON number. */
    DECIMAL("decimal"),
    /** {@code Instant}, sent as an ISO-8601 string in UTC ({@code 2026-11-22T10:15:30Z}). */
    DATETIME("datetime"),
    /** {@code LocalDate}, sent as {@code yyyy-MM-dd}. */
    DATE("date"),
    /** A Java enum, sent as the constant's name. */
    ENUM("enum"),
    /** Any JSON value ({@code JsonNode}): an object, array, string, number or boolean; stored as its JSON text. */
    JSON("json"),
    /** {@code List<String>} of target ids of a many-many relation, stored in a link table. */
    ID_LIST("string[]");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    /** The type's name in {@code schema.json}. */
    public String wireName() {
        return wireName;
    }
}
