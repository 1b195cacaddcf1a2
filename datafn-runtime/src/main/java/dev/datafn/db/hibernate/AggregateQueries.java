package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.SelectionQuery;

/**
 * Runs an {@link AggregatePlan} as one HQL statement: {@code SELECT groups, aggregates ... WHERE ...
 * GROUP BY ... HAVING ... ORDER BY ...}, every value a parameter. Nothing is aggregated in memory.
 */
final class AggregateQueries {

    private final HqlConditions conditions;
    private final Statements statements;

    /**
     * @param conditions writes filters on records and on groups
     * @param statements the timeout and cancel checkpoint every statement passes
     */
    AggregateQueries(HqlConditions conditions, Statements statements) {
        this.conditions = conditions;
        this.statements = statements;
    }

    /**
     * @param session a session bound to the namespace read
     * @param plan    the plan
     * @return the groups
     */
    QueryResult execute(SharedSessionContract session, AggregatePlan plan) {
        Map<String, String> columns = new HashMap<>();
        List<String> selections = new ArrayList<>();
        List<String> grouping = new ArrayList<>();
        for (FieldSchema g : plan.groupBy()) {
            String e = "e." + g.name();
            columns.put(g.name(), e);
            grouping.add(e);
            selections.add(e);
        }
        for (AggregatePlan.Column c : plan.aggregations()) {
            String e = aggregate(c);
            columns.put(c.alias(), e);
            selections.add(e);
        }
        HqlText hql = HqlText.in(session).append("select ").append(String.join(", ", selections))
                .append(" from ").append(plan.resource().entityClass().getName()).append(" e where ").inNamespace("e");
        if (plan.condition() != null) {
            hql.append(" and ");
            conditions.write(hql, "e", plan.resource(), plan.condition());
        }
        if (!grouping.isEmpty()) {
            hql.append(" group by ").append(String.join(", ", grouping));
        }
        if (plan.having() != null) {
            hql.append(" having ");
            conditions.writeColumns(hql, plan.having(), plan.resource(), f -> columns.get(f.name()));
        }
        List<String> order = new ArrayList<>();
        for (QueryPlan.Order o : plan.order()) {
            order.add(columns.get(o.field().name()) + (o.ascending() ? " asc nulls last" : " desc nulls first"));
        }
        // Without an explicit order, groups come in group-key order, so limit/offset pages are stable.
        if (order.isEmpty()) {
            grouping.forEach(e -> order.add(e + " asc nulls last"));
        }
        if (!order.isEmpty()) {
            hql.append(" order by ").append(String.join(", ", order));
        }

        SelectionQuery<Object[]> query = hql.bind(session.createSelectionQuery(hql.toString(), Object[].class));
        if (plan.offset() > 0) {
            query.setFirstResult(plan.offset());
        }
        List<Object[]> found = statements.guard(query).setMaxResults(plan.limit() + 1).getResultList();
        AnswerBudget.charge(found);
        boolean hasMore = found.size() > plan.limit();
        List<ObjectNode> data = new ArrayList<>();
        for (Object[] t : hasMore ? found.subList(0, plan.limit()) : found) {
            ObjectNode row = Json.object();
            int i = 0;
            for (FieldSchema g : plan.groupBy()) {
                Object v = t[i++];
                row.set(g.name(), FieldValues.toJson(g, v instanceof Enum<?> e ? e.name() : v));
            }
            for (AggregatePlan.Column c : plan.aggregations()) {
                row.set(c.alias(), FieldValues.toJson(c.result(), normalize(c.result(), t[i++])));
            }
            data.add(row);
        }
        return new QueryResult(data, hasMore, null, null);
    }

    private static String aggregate(AggregatePlan.Column c) {
        String field = c.field() == null ? null : "e." + c.field().name();
        return switch (c.function()) {
            case COUNT -> field == null ? "count(*)" : "count(" + field + ")";
            case COUNT_DISTINCT -> "count(distinct " + field + ")";
            // Summed as exact decimals where the column type could overflow (a sum of longs).
            case SUM -> c.result().type() == FieldType.DECIMAL ? "sum(cast(" + field + " as BigDecimal))"
                    : "sum(" + field + ")";
            case AVG -> "avg(" + field + ")";
            case MIN -> "min(" + field + ")";
            case MAX -> "max(" + field + ")";
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
