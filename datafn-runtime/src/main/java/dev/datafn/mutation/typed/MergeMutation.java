package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;
import dev.datafn.query.typed.FieldHandle;
import dev.datafn.query.typed.JsonField;
import dev.datafn.query.typed.ScalarField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code merge} into one record: {@code {"operation": "merge", "id": ..., "record": {changes}}}. Fields
 * set here change; every other field keeps its value.
 *
 * <pre>{@code
 * TodoMutations.merge(id)
 *         .set(TodoFields.TITLE, "Buy oat milk")
 *         .set(TodoFields.PRIORITY, 3)
 *         .clear(TodoFields.NOTES)
 *         .ifMatches(TodoFields.COMPLETED.isFalse())
 * }</pre>
 *
 * <p>Values are typed by their field handle, so {@code set(TodoFields.PRIORITY, "high")} does not
 * compile, and each goes on the wire as the handle spells it ({@link ScalarField#toWire}). Setting a
 * field twice keeps the last value, in the place of the first.
 *
 * @param <R> the record type of the resource
 */
public final class MergeMutation<R> extends ResourceMutation<R, MergeMutation<R>> {

    /** Field name to new value, in the order first set; owned by this value and never handed out. */
    private final Map<String, JsonNode> changes;

    MergeMutation(Header header, Map<String, JsonNode> changes, Criterion<R> guard) {
        super(header, guard);
        this.changes = new LinkedHashMap<>(changes);
    }

    /**
     * @param field a field of this resource, e.g. {@code TodoFields.TITLE}
     * @param value its new value, of the field's Java type; {@code null} clears the field, as {@link #clear} does
     * @param <V>   the field's value type
     * @return the mutation with the change
     */
    public <V> MergeMutation<R> set(ScalarField<R, V> field, V value) {
        Objects.requireNonNull(field, "field");
        return with(field.name(), value == null ? NullNode.getInstance() : field.toWire(value));
    }

    /**
     * @param field a JSON field of this resource
     * @param value its new value (a JSON object); {@code null} or a JSON null clears the field
     * @return the mutation with the change
     */
    public MergeMutation<R> set(JsonField<R> field, JsonNode value) {
        Objects.requireNonNull(field, "field");
        return with(field.name(), value == null ? NullNode.getInstance() : value.deepCopy());
    }

    /**
     * @param field a field of this resource
     * @return the mutation setting the field to null; the server refuses it for a required field
     */
    public MergeMutation<R> clear(FieldHandle<R> field) {
        Objects.requireNonNull(field, "field");
        return with(field.name(), NullNode.getInstance());
    }

    /**
     * @param criterion a condition the stored record must meet, e.g. {@code TodoFields.COMPLETED.isFalse()};
     *                  conditions given before must hold as well
     * @return the mutation, refused with {@code CONFLICT} when the stored record does not match
     */
    public MergeMutation<R> ifMatches(Criterion<R> criterion) {
        return guarded(criterion);
    }

    private MergeMutation<R> with(String field, JsonNode value) {
        Map<String, JsonNode> changed = new LinkedHashMap<>(changes);
        changed.put(field, value);
        return new MergeMutation<>(header(), changed, guard());
    }

    @Override
    MergeMutation<R> copy(Header changed, Criterion<R> changedGuard) {
        return new MergeMutation<>(changed, changes, changedGuard);
    }

    @Override
    void writeBody(ObjectNode out) {
        ObjectNode record = out.putObject("record");
        changes.forEach((field, value) -> record.set(field, value.deepCopy()));
    }
}
