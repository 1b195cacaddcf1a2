package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.datafn.json.Json;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.changelog.ChangeLogPruner;
import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.execute.BatchRunner;
import dev.datafn.execute.QueryResult;
import dev.datafn.execute.QueryTask;
import dev.datafn.execute.hibernate.EntityRows;
import dev.datafn.execute.hibernate.HibernateQueryExecutor;
import dev.datafn.json.JsonPaths;
import dev.datafn.http.DataFnHttpService;
import dev.datafn.http.Envelope;
import dev.datafn.http.Exchange;
import dev.datafn.http.RestEndpoints;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationExecutor;
import dev.datafn.mutation.MutationParser;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.RecordValidator;
import dev.datafn.mutation.TransactRunner;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.DatabaseSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.spi.Authorizer;
import dev.datafn.sync.Cloner;
import dev.datafn.sync.Puller;
import dev.datafn.sync.Pusher;
import dev.datafn.sync.Reconciler;
import dev.datafn.sync.Seeder;
import dev.datafn.spi.NamespaceProvider;
import dev.datafn.spi.SchemaProvider;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The DataFn engine: the schema, the database, and the protocol served in-process and over HTTP.
 *
 * <pre>{@code
 * DataFn datafn = DataFn.builder()
 *     .schema(TodoSchema.INSTANCE)
 *     .database(Database.h2File("./data/todo"))
 *     .build();
 * WebServer.builder().port(8080)
 *     .routing(r -> r.register("/datafn", datafn.httpService()))
 *     .build().start();
 * }</pre>
 *
 * <p>Every call runs in one namespace; rows of other namespaces are invisible to it. Thread-safe.
 */
public final class DataFn implements AutoCloseable {

    private final Schema schema;
    private final Limits limits;
    private final Supplier<Instant> clock;
    private final DataStore store;
    private final FrontEnd front;
    private final ChangeLog changeLog;
    private final MutationExecutor mutationExecutor;
    private final TransactRunner transactRunner;
    private final Pruner pruner;
    private final Puller puller;
    private final Pusher pusher;
    private final Cloner cloner;
    private final Seeder seeder;
    private final Reconciler reconciler;
    private final BatchRunner batches;
    private final Exchange exchange;
    private final boolean rest;
    private final Retention retention;

    private DataFn(Builder b) {
        this.schema = b.schema;
        this.limits = b.limits;
        this.clock = b.clock;
        this.rest = b.rest;
        this.store = DataStore.open(b.database, schema, b.hibernateProperties);
        Map<String, EntityRows> rows;
        try {
            rows = EntityRows.forAll(store.sessionFactory(), schema.resources());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        HibernateQueryExecutor queryExecutor = new HibernateQueryExecutor(rows, b.queryTimeout, limits.maxLimit());
        this.front = new FrontEnd(store, new QueryParser(limits), new QueryPlanner(schema, limits), queryExecutor,
                new RecordValidator(schema, limits, () -> clock.get().toEpochMilli()));
        this.changeLog = new ChangeLog(b.sequenceStore.apply(store), clock);
        this.mutationExecutor = new MutationExecutor(schema, store, rows, queryExecutor, changeLog, clock, b.retention);
        this.puller = new Puller(schema, store, changeLog.sequences(), limits);
        this.pusher = new Pusher(front::prepareMutation, mutationExecutor, limits, b.debug);
        this.cloner = new Cloner(schema, store, changeLog.sequences(), limits);
        this.seeder = new Seeder(schema, front::prepareMutation, mutationExecutor, limits);
        this.reconciler = new Reconciler(schema, store, changeLog.sequences());
        this.retention = b.retention;
        this.pruner = Pruner.start(b.retention, this::pruneExpired);
        this.batches = new BatchRunner(limits.maxBatchQueryConcurrency(), b.debug);
        this.transactRunner = new TransactRunner(front, mutationExecutor, limits, b.debug);
        this.exchange = new Exchange(b.namespaceProvider, b.rowLevelNamespace, b.authorizer, limits.maxPayloadBytes(),
                b.debug);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the schema served */
    public Schema schema() {
        return schema;
    }

    /** @return the limits enforced */
    public Limits limits() {
        return limits;
    }

    /** @return the server's current time */
    public Instant serverTime() {
        return clock.get();
    }

    /**
     * Runs a DFQL query given as JSON, exactly as {@code POST /datafn/query} does.
     *
     * @param namespace the namespace to read
     * @param dfql      the query object
     * @return the page
     * @throws DataFnException for an invalid query, with the JSON path of the offending part
     */
    public QueryResult query(String namespace, JsonNode dfql) {
        return front.read(namespace, front.planQuery(dfql, ""), null);
    }

    /**
     * Runs a parsed query.
     *
     * @param namespace the namespace to read
     * @param query     the query
     * @return the page
     */
    public QueryResult query(String namespace, Query query) {
        return front.read(namespace, front.plan(query, ""), null);
    }

    /**
     * Starts a query on its own virtual thread; the returned task can be cancelled, which stops the
     * database statement.
     *
     * @param namespace the namespace to read
     * @param dfql      the query object
     * @return the running query
     */
    public QueryTask startQuery(String namespace, JsonNode dfql) {
        Plan plan = front.planQuery(dfql, "");
        QueryTask task = new QueryTask();
        Thread.ofVirtual().name("datafn-query").start(() -> {
            try {
                task.complete(front.read(namespace, plan, task));
            } catch (Throwable e) {
                task.fail(e);
            }
        });
        return task;
    }

    /**
     * Runs a batch of queries ({@code POST /datafn/query} with an array), at most
     * {@code maxBatchQueryConcurrency} at once. Each answer is in the envelope of its own outcome, so one
     * failing query does not fail the others.
     *
     * @param namespace the namespace to read
     * @param queries   the query objects
     * @return one {@code {"ok": ...}} object per query, in order
     */
    public List<ObjectNode> queryBatch(String namespace, JsonNode queries) {
        if (!queries.isArray()) {
            throw DataFnException.invalid("", "a batch is an array of queries");
        }
        if (queries.size() > limits.maxBatchSize()) {
            throw DataFnException.invalid("", "at most " + limits.maxBatchSize() + " queries per batch (maxBatchSize)");
        }
        return batches.run(queries, (query, path) -> front.read(namespace, front.planQuery(query, path), null)
                .toJson());
    }

    /**
     * Applies a mutation given as JSON, exactly as {@code POST /datafn/mutation} does.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the change, recorded in the change log; may be {@code null}
     * @param mutation  the mutation object
     * @return the result
     * @throws DataFnException for an invalid or conflicting mutation
     */
    public MutationResult mutate(String namespace, String actorId, JsonNode mutation) {
        return mutate(namespace, actorId, MutationParser.parse(mutation, ""));
    }

    /**
     * Applies a parsed mutation.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the change; may be {@code null}
     * @param mutation  the mutation
     * @return the result
     */
    public MutationResult mutate(String namespace, String actorId, Mutation mutation) {
        Namespaces.validate(namespace);
        return mutationExecutor.execute(namespace, actorId, front.prepare(mutation));
    }

    /**
     * Applies a batch of mutations ({@code POST /datafn/mutation} with an array), in order, each in its
     * own transaction: each answer is in the envelope of its own outcome, so one refused mutation does
     * not undo or stop the others. For all-or-nothing, use {@link #transact(String, String, JsonNode)}.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the changes; may be {@code null}
     * @param mutations the mutation objects, at most {@code maxBatchSize}
     * @return one {@code {"ok": ...}} object per mutation, in order
     */
    public List<ObjectNode> mutateBatch(String namespace, String actorId, JsonNode mutations) {
        Namespaces.validate(namespace);
        if (!mutations.isArray()) {
            throw DataFnException.invalid("", "a batch is an array of mutations");
        }
        if (mutations.size() > limits.maxBatchSize()) {
            throw DataFnException.invalid("", "at most " + limits.maxBatchSize()
                    + " mutations per batch (maxBatchSize)");
        }
        List<ObjectNode> together = tryTogether(namespace, actorId, mutations);
        if (together != null) {
            return together;
        }
        return batches.runInOrder(mutations, (mutation, path) -> mutationExecutor.execute(namespace, actorId,
                front.prepareMutation(mutation, path)).toJson());
    }

    /**
     * A batch whose every mutation succeeds answers exactly as if each had committed on its own; so it is
     * first tried as one transaction, whose writes go in JDBC batches and which commits once.
     *
     * @return the answers, or {@code null} when a mutation was refused (nothing was applied)
     */
    private List<ObjectNode> tryTogether(String namespace, String actorId, JsonNode mutations) {
        if (mutations.size() < 2) {
            return null;
        }
        List<PreparedMutation> prepared = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            try {
                prepared.add(front.prepareMutation(mutations.get(i), JsonPaths.index("", i)));
            } catch (DataFnException refused) {
                return null;
            }
        }
        List<MutationResult> results = mutationExecutor.tryTogether(namespace, actorId, prepared);
        if (results == null) {
            return null;
        }
        List<ObjectNode> out = new ArrayList<>(results.size());
        results.forEach(r -> out.add(Envelope.ok(r.toJson())));
        return out;
    }

    /**
     * Answers a sync pull ({@code POST /datafn/pull}): each table's changes since its cursor, up to
     * {@code maxPullLimit}; see {@link Puller}.
     *
     * @param namespace the namespace to read
     * @param request   {@code {"version": 1, "cursors": {"todos": "42"}, "limit"?: n}}
     * @return {@code {"ok", "records": {table: [...]}, "cursors": {table: "..."}, "hasMore"}}
     * @throws DataFnException {@code CURSOR_EXPIRED} when a cursor is older than the retained change log
     */
    public ObjectNode pull(String namespace, JsonNode request) {
        Namespaces.validate(namespace);
        return puller.pull(namespace, request);
    }

    /**
     * Answers a sync clone ({@code POST /datafn/clone}) as one JSON object: every row of the asked tables,
     * or one page of them with {@code limit}; see {@link Cloner}. Over HTTP an unpaged clone is streamed;
     * here it is built in memory, so page large tables.
     *
     * @param namespace the namespace to read
     * @param request   {@code {"version": 1, "tables": [...], "limit"?: n, "continuation"?: "..."}}
     * @return {@code {"ok", "data": {table: [...]}, "cursors": {table: "..."}}}, plus {@code hasMore} and
     *         {@code continuation} when paged
     */
    public ObjectNode clone(String namespace, JsonNode request) {
        Cloner.Prepared clone = prepareClone(namespace, request);
        if (clone.paged()) {
            return clone.page();
        }
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            clone.stream(buffer);
            return (ObjectNode) buffer.asParser(Json.MAPPER).readValueAsTree().get("result");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Checks a clone request, to answer it as a page or a stream ({@code POST /datafn/clone}).
     *
     * @param namespace the namespace to read
     * @param request   the clone request
     * @return the checked clone
     */
    public Cloner.Prepared prepareClone(String namespace, JsonNode request) {
        Namespaces.validate(namespace);
        return cloner.prepare(namespace, request);
    }

    /**
     * Seeds records into a namespace ({@code POST /datafn/seed}), idempotent by id; see {@link Seeder}.
     *
     * @param namespace the namespace to write
     * @param actorId   who seeds; may be {@code null}
     * @param request   {@code {"data": {table: [records with ids]}}}
     * @return {@code {"ok", "inserted": {table: n}, "skipped": {table: n}}}
     */
    public ObjectNode seed(String namespace, String actorId, JsonNode request) {
        Namespaces.validate(namespace);
        return seeder.seed(namespace, actorId, request);
    }

    /**
     * Compares a client's tables with the server's ({@code POST /datafn/reconcile}); see
     * {@link Reconciler}.
     *
     * @param namespace the namespace to compare
     * @param request   {@code {"version": 1, "counts": {...}, "checksums"?: {...}, "cursors"?: {...}}}
     * @return {@code {"ok", "tables": {table: {..., "drift", "action"}}, "cursors"}}
     */
    public ObjectNode reconcile(String namespace, JsonNode request) {
        Namespaces.validate(namespace);
        return reconciler.reconcile(namespace, request);
    }

    /**
     * Applies a client's offline mutations ({@code POST /datafn/push}), in order, with idempotency; see
     * {@link Pusher}.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the changes; may be {@code null}
     * @param request   {@code {"version": 1, "mutations": [...], "atomic"?: false}}
     * @return {@code {"ok", "results": [...]}}, plus {@code failedIndex} and {@code error} when an atomic
     *         push failed and was rolled back
     */
    public ObjectNode push(String namespace, String actorId, JsonNode request) {
        Namespaces.validate(namespace);
        return pusher.push(namespace, actorId, request);
    }

    /**
     * Runs a transaction given as JSON, exactly as {@code POST /datafn/transact} does; see
     * {@link TransactRunner} for atomic and non-atomic semantics.
     *
     * @param namespace the namespace to read and write
     * @param actorId   who makes the changes; may be {@code null}
     * @param request   {@code {"transactionId", "atomic", "steps": [{"query": ...}, {"mutation": ...}]}}
     * @return {@code {"ok", "transactionId", "results"}}, with {@code failedStep} and {@code error} when an
     *         atomic transaction failed and was rolled back
     * @throws DataFnException when the request itself is malformed (not an object, no steps, too many)
     */
    public ObjectNode transact(String namespace, String actorId, JsonNode request) {
        Namespaces.validate(namespace);
        return transactRunner.run(namespace, actorId, request);
    }

    /**
     * Runs work in one database transaction: every mutation made through the {@link Transaction}
     * commits together with its change records and idempotency records when the work returns, or none
     * does when it throws. Queries through it see its own writes.
     *
     * <pre>{@code
     * datafn.transact("datafn", null, tx -> {
     *     Todo todo = TodoRepository.in(tx).insert(new Todo(...));
     *     return TodoRepository.in(tx).merge(todo.id(), m -> m.set(TodoFields.PRIORITY, 5));
     * });
     * }</pre>
     *
     * <p>Mutation results inside the work have serverSeq 0: serverSeqs are taken at commit. An
     * idempotency key held by a concurrent, uncommitted request makes the call fail with CONFLICT rather
     * than wait (the work is not run twice).
     *
     * @param namespace the namespace to read and write
     * @param actorId   who makes the changes; may be {@code null}
     * @param work      the work
     * @param <T>       its result type
     * @return the work's result, after commit
     */
    public <T> T transact(String namespace, String actorId, Function<Transaction, T> work) {
        Namespaces.validate(namespace);
        return mutationExecutor.write(namespace, actorId, false, writes -> {
            InTransaction tx = new InTransaction(namespace, writes, front);
            try {
                T result = work.apply(tx);
                writes.finish();
                return result;
            } finally {
                tx.end();
            }
        });
    }

    /**
     * Binds calls to a namespace and actor; each call runs in its own transaction.
     *
     * @param namespace the namespace to read and write
     * @param actorId   who makes the changes, recorded in the change log; may be {@code null}
     * @return the scope
     */
    public Scope in(String namespace, String actorId) {
        Namespaces.validate(namespace);
        return new Scope() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public QueryResult query(JsonNode dfql) {
                return DataFn.this.query(namespace, dfql);
            }

            @Override
            public MutationResult mutate(JsonNode mutation) {
                return DataFn.this.mutate(namespace, actorId, mutation);
            }
        };
    }

    /** @return the HTTP protocol as a Helidon service; mount it at {@code /datafn} */
    public HttpService httpService() {
        return new DataFnHttpService(this, exchange, rest);
    }

    /**
     * Adds the REST wrappers of one resource to routing rules (what a generated {@code <Record>Routes} does).
     *
     * @param rules    the rules
     * @param resource the resource name
     */
    public void registerRestRoutes(HttpRules rules, String resource) {
        if (schema.resource(resource).isEmpty()) {
            throw new IllegalArgumentException("unknown resource '" + resource + "'");
        }
        new RestEndpoints(this, exchange, resource).register(rules);
    }

    /**
     * Deletes records past their {@link Retention}: change records after {@code changeLogDays} (a pull
     * from a cursor below them then answers {@code CURSOR_EXPIRED}), idempotency records after
     * {@code idempotencyDays}.
     * Runs by itself on startup and every {@code pruneIntervalMs} when the retention says so.
     *
     * @return how many records were deleted
     */
    public int pruneExpired() {
        Instant changeLogCutoff = retention.changeLogCutoff(clock.get());
        int changes = changeLogCutoff == null ? 0 : new ChangeLogPruner(store).prune(changeLogCutoff);
        return changes + mutationExecutor.pruneIdempotencyRecords();
    }

    /** Stops pruning, then closes the database pool and Hibernate. */
    @Override
    public void close() {
        try {
            pruner.close();
        } finally {
            store.close();
        }
    }

    /** Configures and builds a {@link DataFn}. */
    public static final class Builder {
        private Schema schema;
        private Database database = Database.h2File("./data/datafn");
        private NamespaceProvider namespaceProvider;
        private boolean rowLevelNamespace = true;
        private Authorizer authorizer;
        private Limits limits = Limits.DEFAULTS;
        private Supplier<Instant> clock = Instant::now;
        private boolean rest;
        private boolean debug = true;
        private Duration queryTimeout = Duration.ofSeconds(30);
        private Retention retention = Retention.KEEP_ALL;
        private Function<DataStore, SequenceStore> sequenceStore = DatabaseSequenceStore::new;
        private final Map<String, Object> hibernateProperties = new HashMap<>();

        private Builder() {
        }

        /**
         * @param providers the generated schema providers, e.g. {@code TodoSchema.INSTANCE}; without any,
         *                  every provider registered for {@link java.util.ServiceLoader} is used
         * @return this builder
         * @throws dev.datafn.schema.SchemaValidationException when the resources are not a valid schema
         */
        public Builder schema(SchemaProvider... providers) {
            this.schema = Schema.of(providers);
            return this;
        }

        /** @param schema a schema @return this builder */
        public Builder schema(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** @param database where the data lives (default: H2 file {@code ./data/datafn}) @return this builder */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * @param store issues serverSeqs (default: a {@link DatabaseSequenceStore} in the application's
         *              database); see {@link SequenceStore} for what every store guarantees
         * @return this builder
         */
        public Builder sequenceStore(SequenceStore store) {
            Objects.requireNonNull(store, "store");
            this.sequenceStore = database -> store;
            return this;
        }

        /**
         * @param factory makes the store once the engine's database is open, for stores that use it (such
         *                as a {@link DatabaseSequenceStore} wrapped by another store)
         * @return this builder
         */
        public Builder sequenceStore(Function<DataStore, SequenceStore> factory) {
            this.sequenceStore = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** @param provider maps requests to namespaces (default: every request in {@code datafn}) @return this builder */
        public Builder namespaceProvider(NamespaceProvider provider) {
            this.namespaceProvider = provider;
            return this;
        }

        /**
         * Whether each namespace from the {@link #namespaceProvider} has its own data (the default, seed
         * 000's {@code rowLevelNamespace}): rows, change log, serverSeqs and idempotency keys, none of them
         * visible to another namespace on any surface. With {@code false} every request works on one
         * shared data set (the {@code datafn} namespace), and the provider still names the actor recorded
         * with each change.
         *
         * @param enabled whether namespaces isolate data
         * @return this builder
         */
        public Builder rowLevelNamespace(boolean enabled) {
            this.rowLevelNamespace = enabled;
            return this;
        }

        /** @param authorizer allows or refuses each request (default: allow all) @return this builder */
        public Builder authorize(Authorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** @param change changes some limits, starting from the defaults @return this builder */
        public Builder limits(Consumer<Limits.Builder> change) {
            Limits.Builder b = limits.toBuilder();
            change.accept(b);
            this.limits = b.build();
            return this;
        }

        /** @param clock the server clock (default: the system clock); useful in tests @return this builder */
        public Builder clock(Supplier<Instant> clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param enabled whether to serve the REST wrappers under {@code /resources} (default: false) @return this builder */
        public Builder rest(boolean enabled) {
            this.rest = enabled;
            return this;
        }

        /**
         * @param enabled whether error messages name fields and values (default: true); turn it off in
         *                production to answer generic messages per error code
         * @return this builder
         */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        /**
         * @param timeout the longest one query statement may run before the database stops it and the
         *                caller gets {@code DFQL_ABORTED} (default 30 s); {@code null} for no limit
         * @return this builder
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = timeout;
            return this;
        }

        /**
         * @param retention how long change records and idempotency records are kept, and when expired ones
         *                  are deleted (default: kept forever)
         * @return this builder
         */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * Passes a setting to Hibernate as it is (statistics, a statement inspector, tuning). DataFn's own
         * settings win where they overlap.
         *
         * @param key   the Hibernate property
         * @param value its value
         * @return this builder
         */
        public Builder hibernateProperty(String key, Object value) {
            hibernateProperties.put(key, value);
            return this;
        }

        /**
         * Connects to the database, creates or updates the tables, and returns the engine.
         *
         * @return the engine
         */
        public DataFn build() {
            if (schema == null) {
                schema = Schema.discover(Thread.currentThread().getContextClassLoader());
            }
            return new DataFn(this);
        }
    }
}
