package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * Handle on a JSON field ({@code JsonNode}) of resource {@code R}: it can be tested for containment and
 * for null, not compared, matched or sorted.
 *
 * @param <R> the record type of the resource
 */
public final class JsonField<R> extends FieldHandle<R> {

    /** @param name the field name on the wire */
    public JsonField(String name) {
        super(name);
    }

    /**
     * @param fragment a JSON object or array the field's value must contain; copied
     * @return {@code {"field": {"contains": fragment}}}
     */
    public Criterion<R> contains(JsonNode fragment) {
        return test("contains", Objects.requireNonNull(fragment, "fragment"));
    }

    /**
     * @param fragment members the field's object must contain, as Jackson would write them
     * @return {@code {"field": {"contains": {...}}}}
     */
    public Criterion<R> contains(Map<String, ?> fragment) {
        JsonNode tree = Json.MAPPER.valueToTree(Objects.requireNonNull(fragment, "fragment"));
        return contains(tree);
    }
}
