package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.DataStore;
import dev.datafn.db.QueryResult;
import dev.datafn.db.QueryTask;
import dev.datafn.db.StatementCancel;
import dev.datafn.db.hibernate.HibernateQueryExecutor;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationParser;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.RecordValidator;
import dev.datafn.mutation.TransactRunner;
import dev.datafn.mutation.WriteSession;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlanner;

/**
 * The way in for requests: JSON to checked queries and mutations, and queries run either in their own
 * read-only transaction or inside a write transaction. Every surface (HTTP, Java, transactions) goes
 * through it, so they all check and run requests alike.
 */
final class FrontEnd implements TransactRunner.Engine {

    private final DataStore store;
    private final QueryParser queryParser;
    private final QueryPlanner queryPlanner;
    private final HibernateQueryExecutor queryExecutor;
    private final RecordValidator recordValidator;

    FrontEnd(DataStore store, QueryParser queryParser, QueryPlanner queryPlanner, HibernateQueryExecutor queryExecutor,
            RecordValidator recordValidator) {
        this.store = store;
        this.queryParser = queryParser;
        this.queryPlanner = queryPlanner;
        this.queryExecutor = queryExecutor;
        this.recordValidator = recordValidator;
    }

    @Override
    public Plan planQuery(JsonNode query, String path) {
        return plan(queryParser.parse(query, path), path);
    }

    Plan plan(Query query, String path) {
        return queryPlanner.plan(query, path);
    }

    @Override
    public PreparedMutation prepareMutation(JsonNode mutation, String path) {
        return prepare(MutationParser.parse(mutation, path));
    }

    PreparedMutation prepare(Mutation mutation) {
        return recordValidator.prepare(mutation);
    }

    @Override
    public QueryResult query(WriteSession writes, Plan plan) {
        return queryExecutor.execute(writes.session(), plan, () -> { });
    }

    @Override
    public QueryResult query(String namespace, Plan plan) {
        return read(namespace, plan, null);
    }

    /**
     * Runs a query in its own read-only transaction.
     *
     * @param task the task to report the running statement to, for cancelling; or {@code null}
     */
    QueryResult read(String namespace, Plan plan, QueryTask task) {
        try {
            return store.inReadOnlyTransaction(Namespaces.validate(namespace), session -> {
                if (task != null) {
                    task.running(session);
                }
                return queryExecutor.execute(session, plan, task == null ? () -> { } : task::checkpoint);
            });
        } catch (jakarta.persistence.PersistenceException e) {
            if (StatementCancel.causedBy(e)) {
                throw new DataFnException(ErrorCode.DFQL_ABORTED, task != null && task.isCancelled()
                        ? "the query was cancelled" : "the query ran longer than the statement timeout");
            }
            throw e;
        }
    }
}
