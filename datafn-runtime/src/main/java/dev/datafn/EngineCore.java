package dev.datafn;

import dev.datafn.access.Policies;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.changelog.ChangeLogPruner;
import dev.datafn.config.Limits;
import dev.datafn.config.Retention;
import dev.datafn.db.AnswerMemory;
import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryRunner;
import dev.datafn.db.TextSearcher;
import dev.datafn.db.hibernate.HibernateQueryExecutor;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.mutation.write.MutationExecutor;
import dev.datafn.plugin.Plugins;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.Schema;
import dev.datafn.search.SearchDirectory;
import dev.datafn.search.SearchIndex;
import dev.datafn.sequence.CountedSequenceStore;
import dev.datafn.sequence.DatabaseSequenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every engine over one database shares, however restricted: the open database, the write path, the
 * sequence store, the batch-query limiter, the policies, the plugins and the drain shutdown waits on. The
 * {@link DataFnBuilder} opens it; the {@link DataFn} it built owns it and shuts it down; engines restricted to a
 * caller or bound to one call share it.
 */
record EngineCore(Schema schema, Limits limits, Supplier<Instant> clock, DataStore store, QueryRunner queries,
        MutationPreparer preparer, MutationExecutor mutationExecutor, CountedSequenceStore sequences,
        BatchRunner batches, Retention retention, Policies policies, Plugins plugins, Drain drain,
        Duration shutdownTimeout, AtomicBoolean closed, Database database, SearchIndex search,
        AnswerMemory answerMemory) {

    private static final System.Logger LOG = System.getLogger(DataFn.class.getName());
    /**
     * How long shutdown keeps cancelling the statements of requests that outlived the shutdown timeout,
     * and waits for them to answer, before it closes the database under them anyway.
     */
    private static final Duration STRAGGLER_GRACE = Duration.ofSeconds(2);

    /** @return the engine's own tables (change log, sequence counters, idempotency records) */
    static List<Class<?>> systemEntities() {
        List<Class<?>> systemEntities = new ArrayList<>(ChangeLog.ENTITIES);
        systemEntities.addAll(DatabaseSequenceStore.ENTITIES);
        systemEntities.addAll(MutationExecutor.ENTITIES);
        return systemEntities;
    }

    /** Opens the database and wires what every engine over it shares. */
    static EngineCore open(DataFnBuilder b) {
        Schema schema = b.schema;
        Limits limits = b.limits;
        Policies policies = new Policies(schema, b.policies, b.allowUnknownResources);
        boolean searching = b.searchEnabled && SearchIndex.anySearchable(schema);
        Map<String, Object> hibernateProperties = new HashMap<>(SearchIndex.hibernateProperties(searching,
                b.searchDirectory));
        hibernateProperties.putAll(b.hibernateProperties);
        // Opened first: it empties an index Hibernate Search must not open as it is, and locks it for this engine.
        SearchDirectory directory = searching && b.searchDirectory != null
                ? SearchDirectory.open(b.searchDirectory, b.database, schema) : null;
        DataStore store;
        Map<String, EntityRows> rows;
        try {
            store = DataStore.open(b.database, schema, systemEntities(), hibernateProperties, b.queryTimeout);
            try {
                rows = EntityRows.forAll(store.sessionFactory(), schema.resources());
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (RuntimeException e) {
            if (directory != null) {
                directory.close();
            }
            throw e;
        }
        HibernateQueryExecutor queryExecutor = new HibernateQueryExecutor(rows, b.queryTimeout, limits.maxLimit());
        Supplier<Instant> clock = b.clock;
        MutationPreparer preparer = new MutationPreparer(schema, limits, () -> clock.get().toEpochMilli());
        CountedSequenceStore sequences = new CountedSequenceStore(b.sequenceStore.apply(store));
        SearchIndex search = searching ? new SearchIndex(store, sequences, schema, b.queryTimeout, directory) : null;
        QueryRunner queries = new QueryRunner(store, new QueryParser(limits), new QueryPlanner(schema, limits),
                queryExecutor, search == null ? TextSearcher.NONE : search);
        MutationExecutor mutationExecutor = new MutationExecutor(schema, store, rows, queryExecutor, sequences,
                new ChangeLog(clock), clock, b.retention, b.writeEvents);
        if (search != null) {
            mutationExecutor.commitListeners().add(search::heard);
        }
        return new EngineCore(schema, limits, clock, store, queries, preparer, mutationExecutor, sequences,
                new BatchRunner(limits.maxBatchQueryConcurrency()), b.retention, policies, new Plugins(b.plugins),
                new Drain(), b.shutdownTimeout, new AtomicBoolean(), b.database, search,
                new AnswerMemory(b.answerMemoryBytes));
    }

    /**
     * Deletes the change records and idempotency records past the retention.
     *
     * @return how many records were deleted
     */
    int pruneExpired() {
        Instant changeLogCutoff = retention.changeLogCutoff(clock.get());
        int changes = changeLogCutoff == null ? 0 : new ChangeLogPruner(store).prune(changeLogCutoff);
        return changes + mutationExecutor.pruneIdempotencyRecords();
    }

    /**
     * Shuts down once (see {@link DataFn#close()}): refuses new requests, runs the shutdown tasks, lets the
     * requests in flight finish for up to the shutdown timeout, cancels the statements of those still running,
     * then stops pruning and closes the index and the database. Calling it again does nothing.
     *
     * @param pruner the owning engine's pruner, stopped before the database closes
     */
    void shutDown(Pruner pruner) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        drain.close();
        drain.runCloseTasks();
        try {
            if (!drain.awaitIdle(shutdownTimeout)) {
                LOG.log(System.Logger.Level.WARNING, drain.inFlight() + " requests still running after the "
                        + "shutdown timeout of " + shutdownTimeout.toMillis() + " ms; cancelling their statements");
                store.stopRunningTransactions(STRAGGLER_GRACE);
                drain.awaitIdle(STRAGGLER_GRACE);
            }
        } finally {
            try {
                pruner.close();
                if (search != null) {
                    search.close();
                }
            } finally {
                try {
                    store.close();
                } finally {
                    if (search != null) {
                        search.releaseDirectory();
                    }
                }
            }
        }
    }
}
