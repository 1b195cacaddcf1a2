package dev.datafn.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.access.Access;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.SearchPlan;
import java.util.List;
import dev.datafn.timing.Phases;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.Namespace;
import jakarta.persistence.PersistenceException;
import org.hibernate.Session;

/**
 * The read path every surface shares: DFQL JSON to a checked plan, and a plan run either on its own (its
 * statements in auto-commit) or inside a caller's write transaction. HTTP, the Java API and transactions all
 * read through it, so they check and run queries alike.
 */
public final class QueryRunner {

    private final DataStore store;
    private final QueryParser parser;
    private final QueryPlanner planner;
    private final QueryExecutor executor;
    private final QueryHooks hooks;
    private final TextSearcher searcher;

    /**
     * @param store    the database
     * @param parser   reads DFQL JSON
     * @param planner  checks a query against the schema and limits
     * @param executor runs plans
     * @param searcher ranks the records a query's {@code search} block finds ({@link TextSearcher#NONE} without
     *                 a full-text index)
     */
    public QueryRunner(DataStore store, QueryParser parser, QueryPlanner planner, QueryExecutor executor,
            TextSearcher searcher) {
        this(store, parser, planner, executor, QueryHooks.NONE, searcher);
    }

    private QueryRunner(DataStore store, QueryParser parser, QueryPlanner planner, QueryExecutor executor,
            QueryHooks hooks, TextSearcher searcher) {
        this.store = store;
        this.parser = parser;
        this.planner = planner;
        this.executor = executor;
        this.hooks = hooks;
        this.searcher = java.util.Objects.requireNonNull(searcher, "searcher");
    }

    /**
     * @param hooks told of each query once checked and of its answer
     * @return this runner with the hooks
     */
    public QueryRunner withHooks(QueryHooks hooks) {
        return new QueryRunner(store, parser, planner, executor, java.util.Objects.requireNonNull(hooks, "hooks"),
                searcher);
    }

    /**
     * @param access what a caller may read
     * @return a runner whose plans refuse what the caller may not read and return only what it may
     */
    public QueryRunner restrictedTo(Access access) {
        return new QueryRunner(store, parser, planner.restrictedTo(access), executor, hooks, searcher);
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
     * Runs a query outside any transaction, each of its statements in auto-commit: a query's statements
     * (page, count, links, expansions) each see the committed state at their start, as in a {@code READ
     * COMMITTED} transaction, without its round trips.
     *
     * @param namespace the namespace to read
     * @param plan      the plan
     * @param task      the task to report the running statement to, for cancelling; or {@code null}
     * @return the answer
     * @throws DataFnException {@code DFQL_ABORTED} when the query was cancelled or timed out
     */
    public QueryResult read(Namespace namespace, Plan plan, QueryTask task) {
        // A search ranks its matches first, from the index caught up with every commit so far.
        List<SearchHit> ranked = plan instanceof SearchPlan searched ? rank(namespace, searched) : null;
        try {
            QueryResult result = store.inAutoCommitReads(namespace, session -> {
                if (task != null) {
                    task.running(session);
                }
                Runnable checkpoint = task == null ? () -> { } : task::checkpoint;
                return ranked == null ? executor.execute(session, plan, checkpoint)
                        : new SearchedQuery(executor, checkpoint).execute(session, (SearchPlan) plan, ranked);
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
        QueryResult result;
        if (plan instanceof SearchPlan searched) {
            // The index holds committed writes only: a search inside a transaction does not see its own writes.
            Namespace namespace = Namespace.of(String.valueOf(session.getTenantIdentifierValue()));
            result = new SearchedQuery(executor, () -> { }).execute(session, searched, rank(namespace, searched));
        } else {
            result = executor.execute(session, plan, () -> { });
        }
        hooks.after(plan, result);
        return result;
    }

    private List<SearchHit> rank(Namespace namespace, SearchPlan plan) {
        if (plan.fields().isEmpty()) {
            return List.of();
        }
        long start = Phases.mark();
        List<SearchHit> ranked = searcher.rank(namespace, plan.resource(), plan.search(), plan.fields(),
                SearchPlan.WINDOW);
        Phases.add("search", start);
        return ranked;
    }
}
