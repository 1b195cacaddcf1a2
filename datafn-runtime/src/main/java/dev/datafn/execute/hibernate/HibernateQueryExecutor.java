package dev.datafn.execute.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.execute.QueryResult;
import dev.datafn.query.plan.Condition;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.Session;

/**
 * Runs a {@link QueryPlan} as one JPA Criteria query: filter, sort (with the id as tiebreaker), offset
 * and limit all go to SQL, and every value is a bound parameter. The session's namespace restricts the
 * rows through Hibernate's tenant filter.
 */
public final class HibernateQueryExecutor {

    private final Map<String, EntityRows> rows;

    /** @param rows entity access by resource name */
    public HibernateQueryExecutor(Map<String, EntityRows> rows) {
        this.rows = rows;
    }

    /**
     * @param session a session bound to the caller's namespace
     * @param plan    the plan
     * @return the page
     */
    public QueryResult execute(Session session, QueryPlan plan) {
        EntityRows access = rows.get(plan.resource().name());
        Class<?> entity = plan.resource().entityClass();
        CriteriaBuilder cb = session.getCriteriaBuilder();

        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(entity);
        query.select(root);
        if (plan.condition() != null) {
            query.where(predicate(cb, root, access, plan.condition()));
        }
        List<Order> order = new ArrayList<>();
        for (QueryPlan.Order o : plan.order()) {
            Path<?> path = root.get(o.field().name());
            order.add(o.ascending() ? cb.asc(path) : cb.desc(path));
        }
        order.add(cb.asc(root.get("id")));
        query.orderBy(order);

        List<?> found = session.createQuery(query)
                .setFirstResult(plan.offset())
                .setMaxResults(plan.limit() + 1)
                .getResultList();
        boolean hasMore = found.size() > plan.limit();
        List<ObjectNode> data = new ArrayList<>(Math.min(found.size(), plan.limit()));
        for (Object e : hasMore ? found.subList(0, plan.limit()) : found) {
            data.add(access.toJson(e, plan.output()));
        }
        Long count = plan.count() ? count(session, plan, access) : null;
        return new QueryResult(data, hasMore, null, count);
    }

    private Long count(Session session, QueryPlan plan, EntityRows access) {
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<?> root = query.from(plan.resource().entityClass());
        query.select(cb.count(root));
        if (plan.condition() != null) {
            query.where(predicate(cb, root, access, plan.condition()));
        }
        return session.createQuery(query).getSingleResult();
    }

    /**
     * Translates a condition to a JPA predicate over the resource's root.
     *
     * @param cb        the criteria builder
     * @param root      the resource's root
     * @param access    entity access, for value conversion
     * @param condition the condition
     * @return the predicate
     */
    static Predicate predicate(CriteriaBuilder cb, Root<?> root, EntityRows access, Condition condition) {
        return switch (condition) {
            case Condition.AllOf all -> cb.and(all.conditions().stream()
                    .map(c -> predicate(cb, root, access, c)).toArray(Predicate[]::new));
            case Condition.AnyOf any -> cb.or(any.conditions().stream()
                    .map(c -> predicate(cb, root, access, c)).toArray(Predicate[]::new));
            case Condition.Negation not -> cb.not(predicate(cb, root, access, not.condition()));
            case Condition.FieldTest test -> fieldTest(cb, root, access, test);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate fieldTest(CriteriaBuilder cb, Root<?> root, EntityRows access, Condition.FieldTest t) {
        FieldSchema field = t.field();
        if (field.type() == FieldType.ID_LIST) {
            // Only the null tests apply to id lists: "null" means "no links".
            Expression<Collection<?>> links = root.get(field.name());
            boolean wantEmpty = (Boolean) t.operand() == (t.operator() == dev.datafn.query.ast.Operator.IS_NULL);
            return wantEmpty ? cb.isEmpty(links) : cb.isNotEmpty(links);
        }
        Path path = root.get(field.name());
        Object value = t.operand() instanceof List<?> ? null : access.attributeValue(field, t.operand());
        return switch (t.operator()) {
            case EQ -> cb.equal(path, value);
            case NE -> cb.notEqual(path, value);
            case GT -> cb.greaterThan(path, (Comparable) value);
            case GTE -> cb.greaterThanOrEqualTo(path, (Comparable) value);
            case LT -> cb.lessThan(path, (Comparable) value);
            case LTE -> cb.lessThanOrEqualTo(path, (Comparable) value);
            case LIKE -> cb.like(path, (String) value);
            case ILIKE -> cb.like(cb.lower(path), ((String) value).toLowerCase(Locale.ROOT));
            case IS_NULL -> (Boolean) value ? cb.isNull(path) : cb.isNotNull(path);
            case IS_NOT_NULL -> (Boolean) value ? cb.isNotNull(path) : cb.isNull(path);
            case IN -> in(cb, path, access, field, (List<?>) t.operand());
            case NIN -> cb.not(in(cb, path, access, field, (List<?>) t.operand()));
        };
    }

    @SuppressWarnings("rawtypes")
    private static Predicate in(CriteriaBuilder cb, Path path, EntityRows access, FieldSchema field, List<?> values) {
        if (values.isEmpty()) {
            return cb.disjunction();
        }
        CriteriaBuilder.In<Object> in = cb.in(path);
        for (Object v : values) {
            in.value(access.attributeValue(field, v));
        }
        return in;
    }
}
