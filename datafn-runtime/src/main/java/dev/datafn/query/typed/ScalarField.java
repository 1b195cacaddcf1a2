package dev.datafn.query.typed;

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

    /** @return a sort term putting smaller values first: {@code "field:asc"} */
    default SortKey<R> asc() {
        return new SortKey<>(name(), true);
    }

    /** @return a sort term putting larger values first: {@code "field:desc"} */
    default SortKey<R> desc() {
        return new SortKey<>(name(), false);
    }
}
