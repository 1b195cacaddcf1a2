package dev.datafn.query.plan;

import dev.datafn.query.ast.AggregateFunction;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * A grouping query checked against the schema: executed as SQL {@code GROUP BY} / {@code HAVING}.
 *
 * @param resource     the resource
 * @param condition    the filter on records before grouping, or {@code null}
 * @param groupBy      the group fields
 * @param aggregations the aggregate columns
 * @param having       the filter on groups (over group fields and aggregation aliases), or {@code null}
 * @param order        sort keys over group fields and aliases, then the group fields not among them, ascending
 * @param limit        the most groups to return
 * @param offset       the groups to skip
 */
public record AggregatePlan(
        ResourceSchema resource,
        Condition condition,
        List<FieldSchema> groupBy,
        List<Column> aggregations,
        Condition having,
        List<QueryPlan.Order> order,
        int limit,
        int offset) implements Plan {

    /** Copies the lists. */
    public AggregatePlan {
        groupBy = List.copyOf(groupBy);
        aggregations = List.copyOf(aggregations);
        order = List.copyOf(order);
    }

    /**
     * One aggregate column.
     *
     * @param alias    the result name; also a field of the result ({@link #result()}) that having and sort use
     * @param function the function
     * @param field    the aggregated field, or {@code null} for a row count
     * @param result   the result column described as a field, typed by what the function returns
     */
    public record Column(String alias, AggregateFunction function, FieldSchema field, FieldSchema result) {
    }
}
