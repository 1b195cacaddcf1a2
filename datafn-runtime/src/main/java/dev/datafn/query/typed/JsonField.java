package dev.datafn.query.typed;

/**
 * Handle on a JSON object field (`JsonNode`) of resource {@code R}.
 *
 * @param <R> the record type of the resource
 */
public final class JsonField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public JsonField(String name) {
        super(name);
    }
}
