package dev.datafn.query.typed;

/**
 * Handle on a text field (`String`) of resource {@code R}.
 *
 * @param <R> the record type of the resource
 */
public final class StringField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public StringField(String name) {
        super(name);
    }
}
