package dev.datafn.query.plan;

import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * A record query checked against the schema and ready to run: every name resolved, every value typed,
 * every default applied. Executors take only plans, never raw requests.
 *
 * @param resource   the resource
 * @param output     the fields each returned record carries, in schema order
 * @param expansions the relations loaded with each page
 * @param condition  the filter, or {@code null} for all records
 * @param order      the sort keys, ending with the id as tiebreaker
 * @param after      the keyset position to continue after (from a cursor), or {@code null}
 * @param limit      the page size
 * @param offset     the records to skip
 * @param count      whether to count all matching records
 */
public record QueryPlan(
        ResourceSchema resource,
        List<FieldSchema> output,
        List<Expansion> expansions,
        Condition condition,
        List<Order> order,
        List<Object> after,
        int limit,
        int offset,
        boolean count) implements Plan {

    /** Copies the lists. */
    public QueryPlan {
        output = List.copyOf(output);
        expansions = List.copyOf(expansions);
        order = List.copyOf(order);
        after = after == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(after));
    }

    /**
     * One sort key. Nulls sort as the largest value: last when ascending, first when descending, on
     * every database alike.
     *
     * @param field     the field
     * @param ascending the direction
     */
    public record Order(FieldSchema field, boolean ascending) {

        /** @return the key as the wire writes it, e.g. {@code priority:desc} */
        public String wireForm() {
            return field.name() + (ascending ? ":asc" : ":desc");
        }
    }
}
