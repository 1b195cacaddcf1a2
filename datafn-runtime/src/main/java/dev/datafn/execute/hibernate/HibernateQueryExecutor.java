package dev.datafn.execute.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.execute.QueryResult;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.Cursors;
import dev.datafn.query.plan.Expansion;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlan;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Runs plans as JPA Criteria queries: filter, sort, keyset or offset paging, counts and groupings all
 * go to SQL, and every value is a bound parameter. The session's namespace restricts every row read,
 * including those of subqueries and expanded relations, through Hibernate's tenant filter.
 */
public final class HibernateQueryExecutor {

    private final Map<String, EntityRows> rows;
    private final RelationLoader relations;
    private final Duration statementTimeout;

    /**
     * @param rows             entity access by resource name
     * @param statementTimeout the longest a query statement may run, or {@code null} for no limit
     */
    public HibernateQueryExecutor(Map<String, EntityRows> rows, Duration statementTimeout) {
        this.rows = rows;
        this.relations = new RelationLoader(rows);
        this.statementTimeout = statementTimeout;
    }

    /**
     * @param session a session bound to the caller's namespace
     * @param plan    the plan
     * @return the page
     */
    public QueryResult execute(Session session, Plan plan) {
        return switch (plan) {
            case QueryPlan records -> records(session, records);
            case AggregatePlan groups -> new AggregateQueries(rows.get(groups.resource().name()), this)
                    .execute(session, groups);
        };
    }

    private QueryResult records(Session session, QueryPlan plan) {
        EntityRows access = rows.get(plan.resource().name());
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaConditions conditions = new CriteriaConditions(cb, rows);

        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(plan.resource().entityClass());
        List<Predicate> where = new ArrayList<>();
        if (plan.condition() != null) {
            where.add(conditions.records(query, root, access, plan.condition()));
        }
        if (plan.after() != null) {
            where.add(Keyset.after(cb, root, access, plan.order(), plan.after()));
        }
        query.select(root).where(where.toArray(Predicate[]::new)).orderBy(Keyset.orderBy(cb, root, plan.order()));

        List<?> found = bounded(session.createQuery(query))
                .setFirstResult(plan.offset())
                .setMaxResults(plan.limit() + 1)
                .getResultList();
        boolean hasMore = found.size() > plan.limit();
        List<?> page = hasMore ? found.subList(0, plan.limit()) : found;
        List<ObjectNode> data = new ArrayList<>(page.size());
        for (Object e : page) {
            data.add(access.toJson(e, plan.output()));
        }
        for (Expansion expansion : plan.expansions()) {
            relations.attach(session, access, page, data, expansion);
        }
        String nextCursor = hasMore && !page.isEmpty() ? cursorAfter(access, plan, page.get(page.size() - 1)) : null;
        Long count = plan.count() ? count(session, plan, access) : null;
        return new QueryResult(data, hasMore, nextCursor, count);
    }

    private static String cursorAfter(EntityRows access, QueryPlan plan, Object last) {
        List<Object> values = new ArrayList<>(plan.order().size());
        plan.order().forEach(o -> values.add(access.get(last, o.field())));
        return Cursors.encode(plan.order(), values);
    }

    private Long count(Session session, QueryPlan plan, EntityRows access) {
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<?> root = query.from(plan.resource().entityClass());
        query.select(cb.count(root));
        if (plan.condition() != null) {
            query.where(new CriteriaConditions(cb, rows).records(query, root, access, plan.condition()));
        }
        return bounded(session.createQuery(query)).getSingleResult();
    }

    /** Applies the statement timeout, which the JDBC driver enforces on the database statement. */
    <T> SelectionQuery<T> bounded(SelectionQuery<T> query) {
        if (statementTimeout != null) {
            query.setTimeout((int) Math.max(1, Math.ceilDiv(statementTimeout.toMillis(), 1000)));
        }
        return query;
    }

    /** @return entity access by resource name */
    Map<String, EntityRows> rows() {
        return rows;
    }
}
