package dev.datafn.db;

import dev.datafn.query.plan.Plan;
import org.hibernate.SharedSessionContract;

/**
 * Runs a planned query in a session: the seam between the query plan, which knows nothing of SQL, and
 * the database. {@link dev.datafn.db.hibernate.HibernateQueryExecutor} is the implementation.
 */
public interface QueryExecutor {

    /**
     * @param session    the session, bound to the namespace the query reads
     * @param plan       the checked plan
     * @param checkpoint called between the statements of the query, to stop it when it was cancelled
     * @return the page, or the aggregation's rows
     */
    QueryResult execute(SharedSessionContract session, Plan plan, Runnable checkpoint);
}
