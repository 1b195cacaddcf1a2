package dev.datafn.mutation;

import dev.datafn.access.Access;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.Map;

/**
 * A mutation checked against the schema and ready to apply: the resource resolved, the id settled,
 * every value typed and constraint-checked, defaults filled in for whole-record operations, the guard
 * planned.
 *
 * @param mutation    the mutation as sent
 * @param resource    the resource
 * @param id          the record id (generated for an insert without one)
 * @param values      the fields to write, in schema order; a null value clears the field. For replace
 *                    and upsert every client-writable field is present.
 * @param requestHash a hash of what the mutation asks for, to detect an idempotency key reused
 *                    with another payload
 * @param guard       the query that finds the record only when it matches the {@code if} guard, or
 *                    {@code null} without a guard
 * @param relation    the relation of a relation operation, else {@code null}
 * @param target      the relation's target resource, else {@code null}
 * @param access      what the caller may read and write: the result's record carries only what it may read
 */
public record PreparedMutation(Mutation mutation, ResourceSchema resource, String id,
        Map<FieldSchema, Object> values, String requestHash, QueryPlan guard, RelationSchema relation,
        ResourceSchema target, Access access) {

    /** @return the operation */
    public Operation operation() {
        return mutation.operation();
    }
}
