package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;

/**
 * A {@code relate}, {@code unrelate} or {@code modifyRelation} of one record:
 * {@code {"operation": "relate", "id": ..., "relation": "tags", "targetId": ..., "metadata": {...}}}.
 * Many-many links may carry metadata (a JSON object); a many-one or one-many link is the id field
 * itself and carries none.
 *
 * @param <R> the record type of the declaring resource
 */
public final class RelationMutation<R> extends ResourceMutation<R, RelationMutation<R>> {

    private final String relation;
    private final String targetId;
    private final ObjectNode metadata;

    RelationMutation(Header header, String relation, String targetId, ObjectNode metadata, Criterion<R> guard) {
        super(header, guard);
        this.relation = relation;
        this.targetId = targetId;
        this.metadata = metadata == null ? null : metadata.deepCopy();
    }

    /**
     * @param criterion a condition the stored record (the relation's owner) must meet; conditions given
     *                  before must hold as well
     * @return the mutation, refused with {@code CONFLICT} when the stored record does not match
     */
    public RelationMutation<R> ifMatches(Criterion<R> criterion) {
        return guarded(criterion);
    }

    @Override
    RelationMutation<R> copy(Header changed, Criterion<R> changedGuard) {
        return new RelationMutation<>(changed, relation, targetId, metadata, changedGuard);
    }

    @Override
    void writeBody(ObjectNode out) {
        out.put("relation", relation);
        out.put("targetId", targetId);
        if (metadata != null) {
            out.set("metadata", metadata.deepCopy());
        }
    }
}
