package dev.datafn.db.hibernate;

import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryExecutor;
import dev.datafn.db.QueryResult;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.query.plan.SearchPlan;
import dev.datafn.schema.RecordJsonWriter;
import java.time.Duration;
import java.util.Map;
import org.hibernate.SharedSessionContract;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Runs plans as HQL: record pages over the selected columns only ({@link RecordQueries}), groupings as
 * one statement each ({@link AggregateQueries}). Filter, sort, keyset or offset paging, counts and
 * groupings all go to SQL, and every value is a bound parameter. Every statement tests every entity it reads
 * against the session's namespace itself, so it runs the same in a session with Hibernate's tenant filter on
 * (a transaction's) as in one with it off (the reads outside transactions, whose statements are translated
 * once that way).
 */
public final class HibernateQueryExecutor implements QueryExecutor {

    private final Map<String, EntityRows> rows;
    private final Duration statementTimeout;
    private final int maxRelated;
    /** The writers of pages' records, by resource and shape; see {@link RecordQueries}. */
    private final Map<String, Map<RecordQueries.WriterShape, RecordJsonWriter>> writers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether the database is H2, learnt from the first session (the executor is built before Hibernate). */
    private volatile Boolean onH2;

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
    public QueryResult execute(SharedSessionContract session, Plan plan, Runnable checkpoint) {
        Statements statements = new Statements(statementTimeout, checkpoint);
        return switch (plan) {
            case QueryPlan records -> records(session, records, statements);
            case AggregatePlan groups -> new AggregateQueries(new HqlConditions(rows, onH2(session)), statements)
                    .execute(session, groups);
            // QueryRunner ranks a search's matches and runs its template plan narrowed to them.
            case SearchPlan searched -> throw new IllegalArgumentException("a search plan runs through QueryRunner");
        };
    }

    private QueryResult records(SharedSessionContract session, QueryPlan plan, Statements statements) {
        Map<RecordQueries.WriterShape, RecordJsonWriter> ofResource = writers.computeIfAbsent(plan.resource().name(),
                name -> new java.util.concurrent.ConcurrentHashMap<>());
        return new RecordQueries(rows, new HqlConditions(rows, onH2(session)), statements, maxRelated, ofResource)
                .execute(session, plan);
    }

    private boolean onH2(SharedSessionContract session) {
        Boolean known = onH2;
        if (known == null) {
            known = session.getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect() instanceof H2Dialect;
            onH2 = known;
        }
        return known;
    }
}
