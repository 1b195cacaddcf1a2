package dev.datafn.query.plan;

import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * A query checked against the schema and ready to run: every name resolved, every value typed,
 * every default applied. Executors take only plans, never raw requests.
 *
 * @param resource  the resource
 * @param output    the fields each returned record carries, in schema order
 * @param condition the filter, or {@code null} for all records
 * @param order     the sort keys; the id is appended as the final tiebreaker
 * @param limit     the page size
 * @param offset    the records to skip
 * @param count     whether to count all matching records
 */
public record QueryPlan(
        ResourceSchema resource,
        List<FieldSchema> output,
        Condition condition,
        List<Order> order,
        int limit,
        int offset,
        boolean count) {

    /** Copies the lists. */
    public QueryPlan {
        output = List.copyOf(output);
        order = List.copyOf(order);
    }

    /**
     * One sort key.
     *
     * @param field     the field
     * @param ascending the direction
     */
    public record Order(FieldSchema field, boolean ascending) {
    }
}
