package dev.datafn.query.typed;

/**
 * Handle on a boolean field of resource {@code R}.
 *
 * @param <R> the record type of the resource
 */
public final class BooleanField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public BooleanField(String name) {
        super(name);
    }
}
