package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.timing.Phases;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.datafn.access.Access;
import dev.datafn.access.Policies;
import dev.datafn.config.Limits;
import dev.datafn.config.Retention;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.SearchHit;
import dev.datafn.db.Database;
import dev.datafn.db.QueryResult;
import dev.datafn.db.QueryRunner;
import dev.datafn.db.QueryTask;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.error.Outcome;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.parse.MutationParser;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.mutation.transact.TransactResult;
import dev.datafn.mutation.transact.TransactRunner;
import dev.datafn.mutation.write.MutationBatch;
import dev.datafn.mutation.write.MutationExecutor;
import dev.datafn.plugin.PluginContext;
import dev.datafn.plugin.Plugins;
import dev.datafn.query.ast.Query;
import dev.datafn.query.plan.Plan;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.search.ReindexProgress;
import dev.datafn.search.SearchIndex;
import dev.datafn.search.SearchRequest;
import dev.datafn.search.SearchResults;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.sync.Cloner;
import dev.datafn.sync.Puller;
import dev.datafn.sync.PushResult;
import dev.datafn.sync.Pusher;
import dev.datafn.sync.Reconciler;
import dev.datafn.sync.Seeder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The DataFn engine: the schema, the database, and the protocol's every operation as an in-process call.
 * It knows nothing of HTTP: {@link dev.datafn.http.DataFnHttp} serves it over HTTP.
 *
 * <pre>{@code
 * DataFn datafn = DataFn.builder()
 *     .schema(TodoSchema.INSTANCE)
 *     .database(Database.h2File("./data/todo"))
 *     .build();
 * WebServer.builder().port(8080)
 *     .routing(r -> r.register("/datafn", DataFnHttp.builder(datafn).build()))
 *     .build().start();
 * }</pre>
 *
 * <p>Every call runs in one namespace; rows of other namespaces are invisible to it. Thread-safe.
 */
public final class DataFn implements AutoCloseable {

    private final EngineCore core;
    /** What the callers of this engine may read and write: everything, unless {@link #restrictedTo} made it. */
    private final Access access;
    private final Schema schema;
    private final Limits limits;
    private final QueryRunner queries;
    private final MutationPreparer preparer;
    /** The write path, with this call's plugin hooks when it is bound to one. */
    private final MutationExecutor executor;
    /** The plugin hooks of the one call this engine serves, or {@code null} for an engine not bound to a call. */
    private final Plugins.Bound hooks;
    private final MutationBatch mutationBatch;
    private final TransactRunner transactRunner;
    private final Puller puller;
    private final Pusher pusher;
    private final Cloner cloner;
    private final Seeder seeder;
    private final Reconciler reconciler;
    /** Deletes expired records; only the engine the builder made has it, and only it closes the core. */
    private final Pruner pruner;

    /**
     * @param core   what every engine over the database shares
     * @param access what this engine's callers may read and write
     * @param owner  whether this is the engine the builder made, which prunes and shuts the core down
     * @param hooks  the plugin hooks of the one call this engine serves, or {@code null}
     */
    DataFn(EngineCore core, Access access, boolean owner, Plugins.Bound hooks) {
        this.core = core;
        this.access = access;
        this.hooks = hooks;
        this.schema = core.schema();
        this.limits = core.limits();
        QueryRunner restricted = core.queries().restrictedTo(access);
        this.queries = hooks == null ? restricted : restricted.withHooks(hooks);
        this.preparer = core.preparer().restrictedTo(access);
        this.executor = hooks == null ? core.mutationExecutor() : core.mutationExecutor().withHooks(hooks);
        this.mutationBatch = new MutationBatch(preparer, executor, queries);
        this.puller = new Puller(schema, core.store(), core.sequences(), limits, access);
        this.pusher = new Pusher(mutationBatch, preparer, limits);
        this.cloner = new Cloner(schema, core.store(), core.sequences(), limits, access);
        this.seeder = new Seeder(schema, preparer, mutationBatch, limits);
        this.reconciler = new Reconciler(schema, core.store(), core.sequences(), access);
        this.transactRunner = new TransactRunner(queries, preparer, executor, mutationBatch, limits);
        this.pruner = owner ? Pruner.start(core.retention(), this::pruneExpired) : null;
    }

    /**
     * This engine for one call: with the plugins' hooks bound to the call's caller and action, so that every
     * query and mutation the call makes, on whatever path, runs them. Without plugins, this engine itself.
     */
    private DataFn call(String action, Namespace namespace, String actorId) {
        if (core.plugins().isEmpty()) {
            return this;
        }
        Objects.requireNonNull(namespace, "namespace");
        return new DataFn(core, access, false,
                core.plugins().bind(new PluginContext(namespace, actorId, access.claims(), action, null)));
    }

    /** @return the sync request as the plugins' {@code beforeSync} hooks return it */
    private JsonNode beforeSync(String phase, JsonNode request) {
        return hooks == null ? request : hooks.beforeSync(phase, request);
    }

    /** Runs the plugins' {@code afterSync} hooks. */
    private void afterSync(String phase, JsonNode request) {
        if (hooks != null) {
            hooks.afterSync(phase, request);
        }
    }

    /** @return a builder */
    public static DataFnBuilder builder() {
        return new DataFnBuilder();
    }

    /**
     * Listens to the writes this engine commits, on every path (mutations, transactions, push, seed, the
     * REST wrappers, the typed API), e.g. to tell a namespace's live clients there is something to pull.
     * Pruning is not a write. The listener runs on the writing thread right after the commit: it must be
     * quick, and its failure is logged without touching the write.
     *
     * @param listener hears each committed write
     * @return closes the registration
     */
    public AutoCloseable onCommit(java.util.function.Consumer<dev.datafn.mutation.write.CommittedWrite> listener) {
        return core.mutationExecutor().commitListeners().add(listener);
    }

    /**
     * Runs a task at the very start of {@link #close()}, right after new requests are refused and before
     * the requests in flight are waited for: seed 000's second shutdown step, where live connections are
     * closed with 1001 (going away) so their clients reconnect to another instance at once. A failing task is
     * logged and shutdown goes on.
     *
     * @param task what to do when shutdown begins; quick, it delays the drain
     * @return cancels the registration
     */
    public AutoCloseable onShutdown(Runnable task) {
        return core.drain().atClose(task);
    }

    /**
     * The namespace's settled serverSeq: the one a pull reaches now, below which no write is still in
     * flight (see {@link dev.datafn.sequence.SequenceStore#settled}).
     *
     * @param namespace the namespace
     * @return the settled serverSeq; 0 before the namespace's first write
     */
    public long settledServerSeq(Namespace namespace) {
        return core.store().inReadOnlyTransaction(namespace, session -> core.sequences().settled(session, namespace));
    }

    /**
     * Whether the serverSeq {@link #onCommit} reports is already settled: a pull reaches it as soon as the
     * write is reported, so a listener needs no {@link #settledServerSeq} read per commit. True for the
     * default database sequence store, whose writers of a namespace wait for each other until commit.
     *
     * @return whether committed serverSeqs are settled when reported
     */
    public boolean commitsSettle() {
        return core.sequences().settledAtCommit();
    }

    /** @return whether this engine keeps a full-text index: search is on and some resource is searchable */
    public boolean searches() {
        return core.search() != null;
    }

    /**
     * Full-text search across resources ({@code POST /datafn/search}, seed 001): the best matches of the
     * request's words in the searchable fields the caller may read, in this namespace only, best first, each
     * with its record as a query answers it. The index is caught up with every write committed before the
     * search starts.
     *
     * @param namespace the namespace searched
     * @param request   the request: {@code query}, and optionally {@code resources}, {@code limit},
     *                  {@code prefix}, {@code fuzzy}, {@code fieldBoosts}
     * @return {@code {"results": [{"resource", "id", "score", "data"}, ...]}}
     * @throws DataFnException {@code DFQL_INVALID} with the path of a bad member, before anything runs
     */
    public ObjectNode search(Namespace namespace, JsonNode request) {
        Objects.requireNonNull(namespace, "namespace");
        if (core.search() == null) {
            throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED, SearchIndex.anySearchable(schema)
                    ? "search is turned off on this server" : "no resource of this schema has a searchable field");
        }
        Map<String, ResourceSchema> searchable = core.search().searchable();
        SearchRequest parsed = SearchRequest.parse(request, searchable, access, limits.maxLimit());
        List<SearchHit> hits = new ArrayList<>();
        for (ResourceSchema resource : parsed.resources()) {
            List<FieldSchema> fields = SearchRequest.searchedFields(resource, access);
            if (!fields.isEmpty()) {
                hits.addAll(core.search().rank(namespace, resource, parsed.terms(), fields, parsed.limit()));
            }
        }
        hits.sort(SearchHit.BEST_FIRST);
        return SearchResults.withRecords(hits.subList(0, Math.min(hits.size(), parsed.limit())), schema,
                dfql -> query(namespace, dfql).data());
    }

    /**
     * Rebuilds the whole full-text index from the database: every namespace's searchable records, in chunks,
     * after emptying what the index held of them. The server may serve meanwhile: a search in a namespace not
     * yet rebuilt waits for its rebuild. Used by an application's {@code reindex} command, on an index
     * directory no server holds.
     *
     * @param progress hears the records indexed so far and the total, after each chunk
     * @return the records indexed
     * @throws IllegalStateException when search is off or no resource has a searchable field
     */
    public long reindex(ReindexProgress progress) {
        if (core.search() == null) {
            throw new IllegalStateException(SearchIndex.anySearchable(schema) ? "search is turned off on this server"
                    : "no resource of this schema has a searchable field");
        }
        return core.search().reindexAll(Objects.requireNonNull(progress, "progress"));
    }

    /**
     * @return the database this engine serves, e.g. to tell whether server instances share PostgreSQL (and
     *         so can carry committed writes to each other over it)
     */
    public Database database() {
        return core.database();
    }

    /** @return the schema served */
    public Schema schema() {
        return schema;
    }

    /** @return the limits enforced */
    public Limits limits() {
        return limits;
    }

    /**
     * A budget for one request's answer, for a surface that serves requests (the HTTP layer opens one per
     * request): the rows its reads return are counted against {@code maxAnswerBytes} and the engine's answer
     * memory. Run the request's work in it ({@link AnswerBudget#run}) and close it once the answer is sent.
     *
     * @return a new, empty budget
     */
    public AnswerBudget answerBudget() {
        return new AnswerBudget(limits.maxAnswerBytes(), core.answerMemory());
    }

    /** @return the server's current time */
    public Instant serverTime() {
        return core.clock().get();
    }

    /**
     * Runs a DFQL query given as JSON, exactly as {@code POST /datafn/query} does.
     *
     * @param namespace the namespace to read
     * @param dfql      the query object
     * @return the page
     * @throws DataFnException for an invalid query, with the JSON path of the offending part
     */
    public QueryResult query(Namespace namespace, JsonNode dfql) {
        QueryRunner queries = call("query", namespace, null).queries;
        return queries.read(namespace, queries.plan(dfql, ""), null);
    }

    /**
     * Runs a parsed query.
     *
     * @param namespace the namespace to read
     * @param query     the query
     * @return the page
     */
    public QueryResult query(Namespace namespace, Query query) {
        QueryRunner queries = call("query", namespace, null).queries;
        return queries.read(namespace, queries.plan(query, ""), null);
    }

    /**
     * Starts a query on its own virtual thread; the returned task can be cancelled, which stops the
     * database statement.
     *
     * @param namespace the namespace to read
     * @param dfql      the query object
     * @return the running query
     */
    public QueryTask startQuery(Namespace namespace, JsonNode dfql) {
        QueryRunner queries = call("query", namespace, null).queries;
        Plan plan = queries.plan(dfql, "");
        QueryTask task = new QueryTask();
        Thread.ofVirtual().name("datafn-query").start(() -> {
            try {
                task.complete(queries.read(namespace, plan, task));
            } catch (Throwable e) {
                task.fail(e);
            }
        });
        return task;
    }

    /**
     * Runs a batch of queries ({@code POST /datafn/query} with an array), at most
     * {@code maxBatchQueryConcurrency} at once. Each query has its own outcome, so one failing query does
     * not fail the others.
     *
     * @param namespace the namespace to read
     * @param queries   the query objects
     * @return one outcome per query, in order
     */
    public List<Outcome<QueryResult>> queryBatch(Namespace namespace, JsonNode queries) {
        if (!queries.isArray()) {
            throw DataFnException.invalid("", "a batch is an array of queries");
        }
        if (queries.size() > limits.maxBatchSize()) {
            throw DataFnException.invalid("", "at most " + limits.maxBatchSize() + " queries per batch (maxBatchSize)");
        }
        QueryRunner runner = call("query", namespace, null).queries;
        return core.batches().run(queries, runner::plan, plan -> runner.read(namespace, plan, null));
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
    public MutationResult mutate(Namespace namespace, String actorId, JsonNode mutation) {
        long start = Phases.mark();
        Mutation parsed = MutationParser.parse(mutation, "");
        Phases.add("parse", start);
        return mutate(namespace, actorId, parsed);
    }

    /**
     * Applies a parsed mutation.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the change; may be {@code null}
     * @param mutation  the mutation
     * @return the result
     */
    public MutationResult mutate(Namespace namespace, String actorId, Mutation mutation) {
        DataFn engine = call("mutation", namespace, actorId);
        PreparedMutation prepared = engine.preparer.prepare(mutation);
        return engine.executor.execute(namespace, actorId, prepared);
    }

    /**
     * Applies a batch of mutations ({@code POST /datafn/mutation} with an array), in order, each with its
     * own outcome: one refused mutation does not undo or stop the others (see
     * {@link MutationBatch#applyEach}). For all-or-nothing, use {@link #transact(String, String, JsonNode)}.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the changes; may be {@code null}
     * @param mutations the mutation objects, at most {@code maxBatchSize}
     * @return one outcome per mutation, in order
     */
    public List<Outcome<MutationResult>> mutateBatch(Namespace namespace, String actorId, JsonNode mutations) {
        if (!mutations.isArray()) {
            throw DataFnException.invalid("", "a batch is an array of mutations");
        }
        if (mutations.size() > limits.maxBatchSize()) {
            throw DataFnException.invalid("", "at most " + limits.maxBatchSize()
                    + " mutations per batch (maxBatchSize)");
        }
        return call("mutation", namespace, actorId).mutationBatch.applyEach(namespace, actorId, mutations,
                i -> JsonPaths.index("", i));
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
    public ObjectNode pull(Namespace namespace, JsonNode request) {
        DataFn call = call("pull", namespace, null);
        JsonNode payload = call.beforeSync("pull", request);
        ObjectNode answer = call.puller.pull(namespace, payload);
        call.afterSync("pull", payload);
        return answer;
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
    public ObjectNode clone(Namespace namespace, JsonNode request) {
        Cloner.Answer clone = cloneAnswer(namespace, request);
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
     * Checks a clone request ({@code POST /datafn/clone}) before anything is read, for the caller to
     * answer it as a page or a stream.
     *
     * @param namespace the namespace to read
     * @param request   the clone request
     * @return its answer, not read yet
     */
    public Cloner.Answer cloneAnswer(Namespace namespace, JsonNode request) {
        DataFn call = call("clone", namespace, null);
        JsonNode payload = call.beforeSync("clone", request);
        Cloner.Answer answer = call.cloner.answer(namespace, payload);
        call.afterSync("clone", payload);
        return answer;
    }

    /**
     * Seeds records into a namespace ({@code POST /datafn/seed}), idempotent by id; see {@link Seeder}.
     *
     * @param namespace the namespace to write
     * @param actorId   who seeds; may be {@code null}
     * @param request   {@code {"data": {table: [records with ids]}}}
     * @return {@code {"ok", "inserted": {table: n}, "skipped": {table: n}}}
     */
    public ObjectNode seed(Namespace namespace, String actorId, JsonNode request) {
        DataFn call = call("seed", namespace, actorId);
        JsonNode payload = call.beforeSync("seed", request);
        ObjectNode answer = call.seeder.seed(namespace, actorId, payload);
        call.afterSync("seed", payload);
        return answer;
    }

    /**
     * Compares a client's tables with the server's ({@code POST /datafn/reconcile}); see
     * {@link Reconciler}.
     *
     * @param namespace the namespace to compare
     * @param request   {@code {"version": 1, "counts": {...}, "checksums"?: {...}, "cursors"?: {...}}}
     * @return {@code {"ok", "tables": {table: {..., "drift", "action"}}, "cursors"}}
     */
    public ObjectNode reconcile(Namespace namespace, JsonNode request) {
        DataFn call = call("reconcile", namespace, null);
        JsonNode payload = call.beforeSync("reconcile", request);
        ObjectNode answer = call.reconciler.reconcile(namespace, payload);
        call.afterSync("reconcile", payload);
        return answer;
    }

    /**
     * Applies a client's offline mutations ({@code POST /datafn/push}), in order, with idempotency; see
     * {@link Pusher}.
     *
     * @param namespace the namespace to write
     * @param actorId   who makes the changes; may be {@code null}
     * @param request   {@code {"version": 1, "mutations": [...], "atomic"?: false}}
     * @return each mutation's outcome, or the first failure of an atomic push, which was rolled back
     */
    public PushResult push(Namespace namespace, String actorId, JsonNode request) {
        DataFn call = call("push", namespace, actorId);
        JsonNode payload = call.beforeSync("push", request);
        PushResult answer = call.pusher.push(namespace, actorId, payload);
        call.afterSync("push", payload);
        return answer;
    }

    /**
     * Runs a transaction given as JSON, exactly as {@code POST /datafn/transact} does; see
     * {@link TransactRunner} for atomic and non-atomic semantics.
     *
     * @param namespace the namespace to read and write
     * @param actorId   who makes the changes; may be {@code null}
     * @param request   {@code {"transactionId", "atomic", "steps": [{"query": ...}, {"mutation": ...}]}}
     * @return every step's outcome, with the failed step when an atomic transaction failed and was rolled
     *         back
     * @throws DataFnException when the request itself is malformed (not an object, no steps, too many)
     */
    public TransactResult transact(Namespace namespace, String actorId, JsonNode request) {
        return call("transact", namespace, actorId).transactRunner.run(namespace, actorId, request);
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
    public <T> T transact(Namespace namespace, String actorId, Function<Transaction, T> work) {
        DataFn call = call("transact", namespace, actorId);
        return call.executor.write(namespace, actorId, false, writes -> {
            InTransaction tx = new InTransaction(namespace, writes, call.queries, preparer);
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
     * The built-in key-value resource {@code kv} of one namespace, typed; each call runs in its own
     * transaction, as {@link #in} does. Within a transaction, use {@code Kv.in(transaction)}.
     *
     * @param namespace the namespace whose keys to read and write
     * @param actorId   who makes the changes, recorded in the change log; may be {@code null}
     * @return the namespace's key-value resource
     */
    public Kv kv(Namespace namespace, String actorId) {
        return Kv.in(in(namespace, actorId));
    }

    /**
     * Binds calls to a namespace and actor; each call runs in its own transaction.
     *
     * @param namespace the namespace to read and write
     * @param actorId   who makes the changes, recorded in the change log; may be {@code null}
     * @return the scope
     */
    public Scope in(Namespace namespace, String actorId) {
        return new Scope() {
            @Override
            public Namespace namespace() {
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

    /**
     * Deletes records past their {@link Retention}: change records after {@code changeLogDays} (a pull
     * from a cursor below them then answers {@code CURSOR_EXPIRED}), idempotency records after
     * {@code idempotencyDays}.
     * Runs by itself on startup and every {@code pruneIntervalMs} when the retention says so.
     *
     * @return how many records were deleted
     */
    public int pruneExpired() {
        return core.pruneExpired();
    }

    /**
     * What a caller with these claims may read and write, from the permissions policies.
     *
     * @param claims the proven caller's claims (e.g. a JWT's), or {@code null} when the request has no
     *               proven caller
     * @return the caller's access, for {@link #restrictedTo}
     */
    public Access access(Map<String, Object> claims) {
        return core.policies().access(claims);
    }

    /** @return the permissions policies every restricted engine enforces */
    public Policies policies() {
        return core.policies();
    }

    /**
     * This engine as one caller may use it: every call refuses (403 {@code FORBIDDEN}, with the JSON path)
     * what the caller may not read or write, and answers records with only the fields it may read. The
     * HTTP layer serves each request through the engine restricted to its caller; server code uses the
     * unrestricted engine. Cheap: it shares this engine's database and everything else.
     *
     * @param callerAccess what the caller may do, from {@link #access}
     * @return the restricted engine; closing it does nothing (close this one)
     */
    public DataFn restrictedTo(Access callerAccess) {
        return callerAccess == access ? this : new DataFn(core, callerAccess, false, null);
    }

    /** @return what an operator watches of this engine: database, pool, table sizes, sequence lag */
    public Vitals vitals() {
        return new Vitals(core.store(), core.sequences());
    }

    /** A request admitted by {@link #admit()}; closing it tells shutdown the request has finished. */
    public interface InFlight extends AutoCloseable {
        /** Marks the request finished; call it exactly once, after its answer is written. */
        @Override
        void close();
    }

    /**
     * Admits one request, so shutdown lets it finish before the database closes. The HTTP layer admits
     * every request first of all and closes the admission after the answer is written, streams included.
     *
     * @return the admission, to close when the request is done
     * @throws DataFnException {@code SERVICE_UNAVAILABLE} (503) once shutdown began
     */
    public InFlight admit() {
        Drain drain = core.drain();
        drain.enter();
        java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                drain.exit();
            }
        };
    }

    /**
     * Whether shutdown began: new requests are refused with 503 and readiness should report DOWN. True
     * from the first moment of {@link #close()} on, for this engine and every engine {@link #restrictedTo}
     * made from it.
     *
     * @return whether the engine is shutting down or closed
     */
    public boolean isShuttingDown() {
        return core.drain().isClosed();
    }

    /**
     * Shuts down gracefully (seed 000): new requests are refused at once with 503 {@code SERVICE_UNAVAILABLE};
     * requests already {@linkplain #admit() admitted} run to completion for up to {@code shutdownTimeout}
     * and answer normally; the transactions of any still running then have their statements cancelled so
     * they roll back whole (their callers are answered 503, and may retry with the same mutation ids);
     * pruning stops; the database pool and Hibernate close last. Calling it again does nothing. On an
     * engine from {@link #restrictedTo} it does nothing: the engine it came from owns the database.
     */
    @Override
    public void close() {
        if (pruner != null) {
            core.shutDown(pruner);
        }
    }
}
