package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryExecutor;
import dev.datafn.db.QueryResult;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.PageCursors;
import dev.datafn.query.plan.Expansion;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.query.plan.SearchPlan;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Runs plans as JPA Criteria queries: filter, sort, keyset or offset paging, counts and groupings all
 * go to SQL, and every value is a bound parameter. The session's namespace restricts every row read,
 * including those of subqueries and expanded relations, through Hibernate's tenant filter.
 */
public final class HibernateQueryExecutor implements QueryExecutor {

    private final Map<String, EntityRows> rows;
    private final Duration statementTimeout;
    private final int maxRelated;

    /**
     * @param rows             entity access by resource name
     * @param statementTimeout the longest a query statement may run, or {@code null} for no limit
     * @param maxRelated       the most related records one record's one-many expansion may carry
     */
    public HibernateQueryExecutor(Map<String, EntityRows> rows, Duration statementTimeout, int maxRelated) {
        this.rows = rows;
        this.statementTimeout = statementTimeout;
        this.maxRelated = maxRelated;
    }

    @Override
    public QueryResult execute(Session session, Plan plan, Runnable checkpoint) {
        Statements statements = new Statements(statementTimeout, checkpoint);
        return switch (plan) {
            case QueryPlan records -> records(session, records, statements);
            case AggregatePlan groups -> new AggregateQueries(rows, statements).execute(session, groups);
            // QueryRunner ranks a search's matches and runs its template plan narrowed to them.
            case SearchPlan searched -> throw new IllegalArgumentException("a search plan runs through QueryRunner");
        };
    }

    private QueryResult records(Session session, QueryPlan plan, Statements statements) {
        EntityRows access = rows.get(plan.resource().name());
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaConditions conditions = new CriteriaConditions(session, rows);

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

        Long count = plan.count() ? count(session, plan, access, statements) : null;
        if (plan.limit() == 0) {
            // A count-only request: no page to read, and so nothing after it.
            return new QueryResult(List.of(), false, null, count);
        }
        List<?> found = statements.guard(session.createQuery(query))
                .setFirstResult(plan.offset())
                .setMaxResults(plan.limit() + 1)
                .getResultList();
        boolean hasMore = found.size() > plan.limit();
        List<?> page = hasMore ? found.subList(0, plan.limit()) : found;
        List<ObjectNode> data = new ArrayList<>(page.size());
        for (Object e : page) {
            data.add(access.toJson(e, plan.output()));
        }
        RelationLoader relations = new RelationLoader(rows, statements, maxRelated);
        for (Expansion expansion : plan.expansions()) {
            relations.attach(session, access, page, data, expansion);
        }
        String nextCursor = hasMore && !page.isEmpty() ? cursorAfter(access, plan, page.get(page.size() - 1)) : null;
        return new QueryResult(data, hasMore, nextCursor, count);
    }

    private static String cursorAfter(EntityRows access, QueryPlan plan, Object last) {
        List<Object> values = new ArrayList<>(plan.order().size());
        plan.order().forEach(o -> values.add(access.get(last, o.field())));
        return PageCursors.encode(plan.order(), values);
    }

    private Long count(Session session, QueryPlan plan, EntityRows access, Statements statements) {
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<?> root = query.from(plan.resource().entityClass());
        query.select(cb.count(root));
        if (plan.condition() != null) {
            query.where(new CriteriaConditions(session, rows).records(query, root, access, plan.condition()));
        }
        return statements.guard(session.createQuery(query)).getSingleResult();
    }
}
