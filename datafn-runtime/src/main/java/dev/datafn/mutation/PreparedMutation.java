package dev.datafn.mutation;

import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.Map;

/**
 * A mutation checked against the schema and ready to apply: the resource resolved, the id settled,
 * every value typed and constraint-checked, defaults filled in for an insert.
 *
 * @param mutation    the mutation as sent
 * @param resource    the resource
 * @param id          the record id (generated for an insert without one)
 * @param values      the fields to write, in schema order; a null value clears the field
 * @param requestHash a hash of what the mutation asks for, to detect an idempotency key reused
 *                    with another payload
 */
public record PreparedMutation(Mutation mutation, ResourceSchema resource, String id,
        Map<FieldSchema, Object> values, String requestHash) {
}
