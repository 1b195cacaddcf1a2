package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;

/**
 * A {@code delete} of one record: {@code {"operation": "delete", "id": ...}}, optionally only if the
 * record matches a condition.
 *
 * @param <R> the record type of the resource
 */
public final class DeleteMutation<R> extends ResourceMutation<R, DeleteMutation<R>> {

    DeleteMutation(Header header, Criterion<R> guard) {
        super(header, guard);
    }

    /**
     * @param criterion a condition the stored record must meet, e.g. {@code TodoFields.COMPLETED.isTrue()};
     *                  conditions given before must hold as well
     * @return the mutation, refused with {@code CONFLICT} when the stored record does not match
     */
    public DeleteMutation<R> ifMatches(Criterion<R> criterion) {
        return guarded(criterion);
    }

    @Override
    DeleteMutation<R> copy(Header changed, Criterion<R> changedGuard) {
        return new DeleteMutation<>(changed, changedGuard);
    }

    @Override
    void writeBody(ObjectNode out) {
        // A delete names its record by id only.
    }
}
