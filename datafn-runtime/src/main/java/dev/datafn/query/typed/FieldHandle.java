package dev.datafn.query.typed;

import java.util.Objects;

/**
 * A typed handle on one field of resource {@code R}, the base of the generated {@code <Record>Fields}
 * constants. Subtypes carry the operators that fit the field's type, so a query that compares a
 * boolean with {@code gt} does not compile.
 *
 * @param <R> the record type of the resource
 */
public abstract class FieldHandle<R> {

    private final String name;

    /** @param name the field name on the wire */
    protected FieldHandle(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the field name on the wire */
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
