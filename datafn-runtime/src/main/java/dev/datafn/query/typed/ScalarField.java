package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field of resource {@code R} holding one plain value of Java type {@code V} (text, number, boolean,
 * enum, date or date-time; not JSON): results can be sorted by it and grouped by it, and an
 * {@link AggregateRow} reads a group's key back as a {@code V}.
 *
 * @param <R> the record type of the resource
 * @param <V> the Java type of the field's values
 */
public sealed interface ScalarField<R, V> permits ValueField, BooleanField {

    /** @return the field name on the wire */
    String name();

    /** @return the Java type of the field's values */
    Class<V> valueType();

    /**
     * The one spelling of the field's values on the wire, shared by query operands and mutation records:
     * numbers keep their Java type, dates and date-times are ISO-8601 ({@code "2026-12-24"},
     * {@code "2026-12-24T08:00:00Z"}), enum constants their {@code name()}.
     *
     * @param value a value of the field
     * @return its JSON form, as the engine reads it back for this field's type
     * @throws NullPointerException when the value is null: null has no spelling of its own here
     * @throws IllegalArgumentException for a number JSON cannot hold (NaN, the infinities)
     */
    JsonNode toWire(V value);

    /** @return a sort term putting smaller values first: {@code "field:asc"} */
    default SortKey<R> asc() {
        return new SortKey<>(name(), true);
    }

    /** @return a sort term putting larger values first: {@code "field:desc"} */
    default SortKey<R> desc() {
        return new SortKey<>(name(), false);
    }
}
