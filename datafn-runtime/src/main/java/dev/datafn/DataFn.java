package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.execute.QueryResult;
import dev.datafn.execute.hibernate.EntityRows;
import dev.datafn.execute.hibernate.HibernateQueryExecutor;
import dev.datafn.http.DataFnHttpService;
import dev.datafn.http.Exchange;
import dev.datafn.http.RestEndpoints;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationExecutor;
import dev.datafn.mutation.MutationParser;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.RecordValidator;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.Schema;
import dev.datafn.spi.Authorizer;
import dev.datafn.spi.NamespaceProvider;
import dev.datafn.spi.SchemaProvider;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.execute.BatchRunner;
import dev.datafn.execute.QueryTask;
import dev.datafn.execute.StatementCancel;
import dev.datafn.query.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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
    private final QueryParser queryParser;
    private final QueryPlanner queryPlanner;
    private final HibernateQueryExecutor queryExecutor;
    private final RecordValidator recordValidator;
    private final MutationExecutor mutationExecutor;
    private final BatchRunner batches;
    private final Exchange exchange;
    private final boolean rest;

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
        this.queryParser = new QueryParser(limits);
        this.queryPlanner = new QueryPlanner(schema, limits);
        this.queryExecutor = new HibernateQueryExecutor(rows, b.queryTimeout, limits.maxLimit());
        this.recordValidator = new RecordValidator(schema, limits, () -> clock.get().toEpochMilli());
        this.mutationExecutor = new MutationExecutor(store, rows, new ChangeLog(store, clock), clock);
        this.batches = new BatchRunner(limits.maxBatchQueryConcurrency(), b.debug);
        this.exchange = new Exchange(b.namespaceProvider, b.authorizer, limits.maxPayloadBytes(), b.debug);
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
        return query(namespace, queryParser.parse(dfql, ""));
    }

    /**
     * Runs a parsed query.
     *
     * @param namespace the namespace to read
     * @param query     the query
     * @return the page
     */
    public QueryResult query(String namespace, Query query) {
        return run(namespace, queryPlanner.plan(query, ""), null);
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
        Plan plan = queryPlanner.plan(queryParser.parse(dfql, ""), "");
        QueryTask task = new QueryTask();
        Thread.ofVirtual().name("datafn-query").start(() -> {
            try {
                task.complete(run(namespace, plan, task));
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
        return batches.run(queries, (query, path) -> run(namespace, queryPlanner.plan(queryParser.parse(query, path),
                path), null).toJson());
    }

    private QueryResult run(String namespace, Plan plan, QueryTask task) {
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
        return mutationExecutor.execute(namespace, actorId, recordValidator.prepare(mutation));
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

    /** Closes the database pool and Hibernate. */
    @Override
    public void close() {
        store.close();
    }

    /** Configures and builds a {@link DataFn}. */
    public static final class Builder {
        private Schema schema;
        private Database database = Database.h2File("./data/datafn");
        private NamespaceProvider namespaceProvider;
        private Authorizer authorizer;
        private Limits limits = Limits.DEFAULTS;
        private Supplier<Instant> clock = Instant::now;
        private boolean rest;
        private boolean debug = true;
        private Duration queryTimeout = Duration.ofSeconds(30);
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

        /** @param provider maps requests to namespaces (default: every request in {@code datafn}) @return this builder */
        public Builder namespaceProvider(NamespaceProvider provider) {
            this.namespaceProvider = provider;
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
