package dev.datafn.query.ast;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A DFQL filter operator, with its wire spelling; {@code $}-prefixed spellings are accepted too. */
public enum Operator {
    /** Equal. */
    EQ("eq"),
    /** Not equal (a null field does not match). */
    NE("ne"),
    /** Greater than. */
    GT("gt"),
    /** Greater than or equal. */
    GTE("gte"),
    /** Less than. */
    LT("lt"),
    /** Less than or equal. */
    LTE("lte"),
    /** SQL LIKE, case-sensitive; {@code %} and {@code _} are wildcards. */
    LIKE("like"),
    /** SQL LIKE, case-insensitive. */
    ILIKE("ilike"),
    /** The field is null (operand {@code true}) or not null ({@code false}). */
    IS_NULL("is_null"),
    /** The field is not null (operand {@code true}) or null ({@code false}). */
    IS_NOT_NULL("is_not_null"),
    /** The value is one of a list. */
    IN("in"),
    /** The value is none of a list (a null field does not match). */
    NIN("nin"),
    /** A many-many id list holds the id; a string holds the substring (case-sensitive). */
    CONTAINS("contains"),
    /** The value lies between two bounds, both included: {@code [low, high]}. */
    BETWEEN("between"),
    /** The string starts with the operand (case-sensitive; no wildcards). */
    STARTSWITH("startswith"),
    /** The string ends with the operand (case-sensitive; no wildcards). */
    ENDSWITH("endswith"),
    /** The string starts with the operand, ignoring case. */
    ISTARTSWITH("istartswith"),
    /** The string ends with the operand, ignoring case. */
    IENDSWITH("iendswith");

    private static final Map<String, Operator> BY_NAME = new HashMap<>();

    static {
        for (Operator op : values()) {
            BY_NAME.put(op.wireName, op);
            BY_NAME.put("$" + op.wireName, op);
        }
    }

    private final String wireName;

    Operator(String wireName) {
        this.wireName = wireName;
    }

    /** @return the operator's name on the wire */
    public String wireName() {
        return wireName;
    }

    /**
     * @param name an operator as sent, with or without {@code $}
     * @return the operator, if DFQL has it
     */
    public static Optional<Operator> fromWire(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
