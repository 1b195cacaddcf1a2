package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;

/**
 * A {@code replace} or {@code upsert} of one whole record:
 * {@code {"operation": "replace", "id": ..., "record": {...}}}. Fields the record leaves out go back to
 * their default, or null; an upsert inserts the record when there is none with its id.
 *
 * @param <R> the record type of the resource
 */
public final class ReplaceMutation<R> extends ResourceMutation<R, ReplaceMutation<R>> {

    private final ObjectNode record;

    ReplaceMutation(Header header, ObjectNode record, Criterion<R> guard) {
        super(header, guard);
        this.record = record.deepCopy();
    }

    /**
     * @param criterion a condition the stored record must meet, e.g. {@code TodoFields.COMPLETED.isFalse()};
     *                  conditions given before must hold as well
     * @return the mutation, refused with {@code CONFLICT} when the stored record does not match (or, for
     *         an upsert, does not exist)
     */
    public ReplaceMutation<R> ifMatches(Criterion<R> criterion) {
        return guarded(criterion);
    }

    @Override
    ReplaceMutation<R> copy(Header changed, Criterion<R> changedGuard) {
        return new ReplaceMutation<>(changed, record, changedGuard);
    }

    @Override
    void writeBody(ObjectNode out) {
        out.set("record", record.deepCopy());
    }
}
