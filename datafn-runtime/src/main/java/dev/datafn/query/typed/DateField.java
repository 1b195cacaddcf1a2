package dev.datafn.query.typed;

/**
 * Handle on a date field (`LocalDate`) of resource {@code R}.
 *
 * @param <R> the record type of the resource
 */
public final class DateField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public DateField(String name) {
        super(name);
    }
}
