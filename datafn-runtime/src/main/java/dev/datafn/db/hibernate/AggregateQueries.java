package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Runs an {@link AggregatePlan} as one SQL statement: {@code SELECT groups, aggregates ... WHERE ...
 * GROUP BY ... HAVING ... ORDER BY ...}. Nothing is aggregated in memory.
 */
final class AggregateQueries {

    private final Map<String, EntityRows> rows;
    private final Statements statements;

    AggregateQueries(Map<String, EntityRows> rows, Statements statements) {
        this.rows = rows;
        this.statements = statements;
    }

    QueryResult execute(Session session, AggregatePlan plan) {
        EntityRows access = rows.get(plan.resource().name());
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaConditions conditions = new CriteriaConditions(session, rows);
        CriteriaQuery<Tuple> query = cb.createTupleQuery();
        Root<?> root = query.from(plan.resource().entityClass());

        Map<String, Expression<?>> columns = new HashMap<>();
        List<Selection<?>> selections = new ArrayList<>();
        List<Expression<?>> grouping = new ArrayList<>();
        for (FieldSchema g : plan.groupBy()) {
            Expression<?> e = root.get(g.name());
            columns.put(g.name(), e);
            grouping.add(e);
            selections.add(e);
        }
        for (AggregatePlan.Column c : plan.aggregations()) {
            Expression<?> e = aggregate(cb, root, c);
            columns.put(c.alias(), e);
            selections.add(e);
        }
        query.multiselect(selections).groupBy(grouping);
        if (plan.condition() != null) {
            query.where(conditions.records(query, root, access, plan.condition()));
        }
        if (plan.having() != null) {
            query.having(conditions.columns(plan.having(), f -> columns.get(f.name()), access));
        }
        List<Order> order = new ArrayList<>();
        for (QueryPlan.Order o : plan.order()) {
            order.add(Keyset.order(cb, columns.get(o.field().name()), o.ascending()));
        }
        // Without an explicit order, groups come in group-key order, so limit/offset pages are stable.
        if (order.isEmpty()) {
            grouping.forEach(e -> order.add(Keyset.order(cb, e, true)));
        }
        query.orderBy(order);

        List<Tuple> found = statements.guard(session.createQuery(query))
                .setFirstResult(plan.offset())
                .setMaxResults(plan.limit() + 1)
                .getResultList();
        boolean hasMore = found.size() > plan.limit();
        List<ObjectNode> data = new ArrayList<>();
        for (Tuple t : hasMore ? found.subList(0, plan.limit()) : found) {
            ObjectNode row = Json.object();
            int i = 0;
            for (FieldSchema g : plan.groupBy()) {
                Object v = t.get(i++);
                row.set(g.name(), FieldValues.toJson(g, v instanceof Enum<?> e ? e.name() : v));
            }
            for (AggregatePlan.Column c : plan.aggregations()) {
                row.set(c.alias(), FieldValues.toJson(c.result(), normalize(c.result(), t.get(i++))));
            }
            data.add(row);
        }
        return new QueryResult(data, hasMore, null, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<?> aggregate(CriteriaBuilder cb, Root<?> root, AggregatePlan.Column c) {
        Expression field = c.field() == null ? null : root.get(c.field().name());
        return switch (c.function()) {
            case COUNT -> field == null ? cb.count(root) : cb.count(field);
            case COUNT_DISTINCT -> cb.countDistinct(field);
            // Summed as exact decimals where the column type could overflow (a sum of longs).
            case SUM -> c.result().type() == FieldType.DECIMAL ? cb.sum(cb.toBigDecimal(field)) : cb.sum(field);
            case AVG -> cb.avg(field);
            // least/greatest are the aggregate min/max over any ordered type, not only numbers.
            case MIN -> cb.least(field);
            case MAX -> cb.greatest(field);
        };
    }

    /** Databases answer sums and counts in their own numeric types; the result column's type decides. */
    private static Object normalize(FieldSchema result, Object value) {
        if (value == null) {
            return null;
        }
        return switch (result.type()) {
            case LONG -> ((Number) value).longValue();
            case INTEGER -> ((Number) value).intValue();
            case NUMBER -> ((Number) value).doubleValue();
            case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            default -> value instanceof Enum<?> e ? e.name() : value;
        };
    }
}
