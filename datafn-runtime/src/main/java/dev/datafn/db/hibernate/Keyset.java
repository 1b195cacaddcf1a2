package dev.datafn.db.hibernate;

import dev.datafn.db.EntityRows;
import dev.datafn.query.plan.QueryPlan;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Nulls;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyset paging: the ORDER BY of a plan, and the predicate "after this position" that continues it.
 * Nulls are the largest value (last ascending, first descending) on every database — PostgreSQL's
 * own order, so a btree index serves the sort in either direction — and the id ends every order, so
 * each position is exact and a page never repeats or skips a record, however deep, and whatever is
 * inserted meanwhile.
 */
final class Keyset {

    private Keyset() {
    }

    static List<Order> orderBy(CriteriaBuilder cb, Root<?> root, List<QueryPlan.Order> order) {
        List<Order> out = new ArrayList<>(order.size());
        for (QueryPlan.Order o : order) {
            out.add(order(cb, root.get(o.field().name()), o.ascending()));
        }
        return out;
    }

    /** One key of an ORDER BY, nulls as the largest value. */
    static Order order(CriteriaBuilder cb, Expression<?> key, boolean ascending) {
        return ascending ? cb.asc(key, Nulls.LAST) : cb.desc(key, Nulls.FIRST);
    }

    /**
     * (k1 after v1) or (k1 = v1 and k2 after v2) or ... — the rows that sort after the given values.
     *
     * @param cb     the criteria builder
     * @param root   the root
     * @param access entity access, for value conversion
     * @param order  the sort keys
     * @param values the position's values, one per key
     * @return the predicate
     */
    static Predicate after(CriteriaBuilder cb, Root<?> root, EntityRows access, List<QueryPlan.Order> order,
            List<Object> values) {
        List<Predicate> alternatives = new ArrayList<>();
        List<Predicate> equalPrefix = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            QueryPlan.Order o = order.get(i);
            Expression<?> key = root.get(o.field().name());
            Object value = access.attributeValue(o.field(), values.get(i));
            Predicate beyond = beyond(cb, key, value, o.ascending());
            if (beyond != null) {
                List<Predicate> branch = new ArrayList<>(equalPrefix);
                branch.add(beyond);
                alternatives.add(cb.and(branch.toArray(Predicate[]::new)));
            }
            equalPrefix.add(value == null ? cb.isNull(key) : cb.equal(key, value));
        }
        return alternatives.isEmpty() ? cb.disjunction() : cb.or(alternatives.toArray(Predicate[]::new));
    }

    /** The rows strictly after {@code value} on one key, or {@code null} when none can be. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate beyond(CriteriaBuilder cb, Expression key, Object value, boolean ascending) {
        if (ascending) {
            return value == null ? null : cb.or(cb.greaterThan(key, (Comparable) value), cb.isNull(key));
        }
        return value == null ? cb.isNotNull(key) : cb.lessThan(key, (Comparable) value);
    }
}
