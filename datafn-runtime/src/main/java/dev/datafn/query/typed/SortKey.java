package dev.datafn.query.typed;

import java.util.Objects;

/**
 * One sort term of resource {@code R}, made by {@link ScalarField#asc()} or {@link ScalarField#desc()};
 * on the wire {@code "priority:desc"}. Only fields with an order have these methods, so sorting by a
 * JSON field does not compile.
 *
 * @param <R> the record type of the resource
 */
public final class SortKey<R> {

    private final String field;
    private final boolean ascending;

    SortKey(String field, boolean ascending) {
        this.field = Objects.requireNonNull(field, "field");
        this.ascending = ascending;
    }

    /** @return the field name */
    public String field() {
        return field;
    }

    /** @return whether smaller values come first */
    public boolean ascending() {
        return ascending;
    }

    /** @return the DFQL sort term, {@code "field:asc"} or {@code "field:desc"} */
    public String toWire() {
        return field + (ascending ? ":asc" : ":desc");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SortKey<?> other && field.equals(other.field) && ascending == other.ascending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, ascending);
    }

    @Override
    public String toString() {
        return toWire();
    }
}
