package dev.datafn.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.access.Access;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.Plan;
import dev.datafn.timing.Phases;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.Namespace;
import jakarta.persistence.PersistenceException;
import org.hibernate.Session;

/**
 * The read path every surface shares: DFQL JSON to a checked plan, and a plan run either in its own
 * read-only transaction or inside a caller's write transaction. HTTP, the Java API and transactions all
 * read through it, so they check and run queries alike.
 */
public final class QueryRunner {

    private final DataStore store;
    private final QueryParser parser;
    private final QueryPlanner planner;
    private final QueryExecutor executor;
    private final QueryHooks hooks;

    /**
     * @param store    the database
     * @param parser   reads DFQL JSON
     * @param planner  checks a query against the schema and limits
     * @param executor runs plans
     */
    public QueryRunner(DataStore store, QueryParser parser, QueryPlanner planner, QueryExecutor executor) {
        this(store, parser, planner, executor, QueryHooks.NONE);
    }

    private QueryRunner(DataStore store, QueryParser parser, QueryPlanner planner, QueryExecutor executor,
            QueryHooks hooks) {
        this.store = store;
        this.parser = parser;
        this.planner = planner;
        this.executor = executor;
        this.hooks = hooks;
    }

    /**
     * @param hooks told of each query once checked and of its answer
     * @return this runner with the hooks
     */
    public QueryRunner withHooks(QueryHooks hooks) {
        return new QueryRunner(store, parser, planner, executor, java.util.Objects.requireNonNull(hooks, "hooks"));
    }

    /**
     * @param access what a caller may read
     * @return a runner whose plans refuse what the caller may not read and return only what it may
     */
    public QueryRunner restrictedTo(Access access) {
        return new QueryRunner(store, parser, planner.restrictedTo(access), executor, hooks);
    }

    /**
     * @param query the DFQL query object
     * @param path  its JSON path in the request, for errors
     * @return the checked plan
     * @throws DataFnException for an invalid query, with the path of the offending part
     */
    public Plan plan(JsonNode query, String path) {
        long start = Phases.mark();
        Query parsed = parser.parse(query, path);
        Phases.add("parse", start);
        return plan(parsed, path);
    }

    /**
     * @param query a parsed query
     * @param path  its JSON path in the request, for errors
     * @return the checked plan
     */
    public Plan plan(Query query, String path) {
        long start = Phases.mark();
        Plan plan = planner.plan(query, path);
        Phases.add("plan", start);
        hooks.before(plan);
        return plan;
    }

    /**
     * Runs a query in its own read-only transaction.
     *
     * @param namespace the namespace to read
     * @param plan      the plan
     * @param task      the task to report the running statement to, for cancelling; or {@code null}
     * @return the answer
     * @throws DataFnException {@code DFQL_ABORTED} when the query was cancelled or timed out
     */
    public QueryResult read(Namespace namespace, Plan plan, QueryTask task) {
        try {
            QueryResult result = store.inReadOnlyTransaction(namespace, session -> {
                if (task != null) {
                    task.running(session);
                }
                return executor.execute(session, plan, task == null ? () -> { } : task::checkpoint);
            });
            hooks.after(plan, result);
            return result;
        } catch (PersistenceException e) {
            if (StatementCancel.causedBy(e)) {
                throw new DataFnException(ErrorCode.DFQL_ABORTED, task != null && task.isCancelled()
                        ? "the query was cancelled" : "the query ran longer than the statement timeout");
            }
            throw e;
        }
    }

    /**
     * Runs a query inside a write transaction, where it sees the transaction's own writes.
     *
     * @param session the write transaction's session, with its writes flushed
     * @param plan    the plan
     * @return the answer
     */
    public QueryResult read(Session session, Plan plan) {
        QueryResult result = executor.execute(session, plan, () -> { });
        hooks.after(plan, result);
        return result;
    }
}
