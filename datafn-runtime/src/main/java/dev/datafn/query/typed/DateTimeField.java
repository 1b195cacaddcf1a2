package dev.datafn.query.typed;

/**
 * Handle on a date-time field (`Instant`) of resource {@code R}.
 *
 * @param <R> the record type of the resource
 */
public final class DateTimeField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public DateTimeField(String name) {
        super(name);
    }
}
