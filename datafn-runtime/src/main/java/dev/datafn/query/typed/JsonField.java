package dev.datafn.query.typed;

/**
 * Handle on a JSON field ({@code JsonNode}) of resource {@code R}: it can be tested for null only, not
 * compared, matched or sorted — JSON is stored as text, which no database compares by content.
 *
 * @param <R> the record type of the resource
 */
public final class JsonField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public JsonField(String name) {
        super(name);
    }
}
