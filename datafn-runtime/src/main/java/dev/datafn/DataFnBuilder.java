package dev.datafn;

import dev.datafn.access.Access;
import dev.datafn.config.Limits;
import dev.datafn.config.Retention;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.AnswerMemory;
import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.mutation.write.WriteEvents;
import dev.datafn.plugin.DataFnPlugin;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.schema.Schema;
import dev.datafn.schema.SchemaProvider;
import dev.datafn.sequence.DatabaseSequenceStore;
import dev.datafn.sequence.SequenceStore;
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
 * Configures and builds a {@link DataFn}: {@code DataFn.builder().schema(...).database(...).build()}. Every
 * setting has a default but the schema, which is discovered through {@link java.util.ServiceLoader} when none is
 * given.
 */
public final class DataFnBuilder {
    // Read by EngineCore.open when the engine is built.
    Schema schema;
    Database database = Database.h2File("./data/datafn");
    Limits limits = Limits.DEFAULTS;
    Supplier<Instant> clock = Instant::now;
    Duration queryTimeout = Duration.ofSeconds(30);
    long answerMemoryBytes = AnswerMemory.quarterOfHeap();
    java.nio.file.Path searchDirectory;
    boolean searchEnabled = true;
    Duration shutdownTimeout = Duration.ofMillis(10_000);
    Retention retention = Retention.KEEP_ALL;
    WriteEvents writeEvents = WriteEvents.NONE;
    Function<DataStore, SequenceStore> sequenceStore = DatabaseSequenceStore::new;
    final Map<String, Object> hibernateProperties = new HashMap<>();
    final Map<String, ResourcePolicy> policies = new HashMap<>();
    boolean allowUnknownResources;
    final List<DataFnPlugin> plugins = new ArrayList<>();

    DataFnBuilder() {
    }

    /**
     * Seed 000's {@code plugins}: server-side hooks around every query, mutation and sync phase, run in
     * the order given (default: none); see {@link DataFnPlugin}. Calling it again adds more.
     *
     * @param plugins the plugins
     * @return this builder
     */
    public DataFnBuilder plugins(DataFnPlugin... plugins) {
        return plugins(List.of(plugins));
    }

    /** @param plugins the plugins, in order; see {@link #plugins(DataFnPlugin...)} @return this builder */
    public DataFnBuilder plugins(List<? extends DataFnPlugin> plugins) {
        plugins.forEach(p -> this.plugins.add(Objects.requireNonNull(p, "plugin")));
        return this;
    }

    /**
     * Sets who may read and write a resource over the protocol, replacing the {@code @Policy} declared
     * on its record.
     *
     * @param resource the resource name
     * @param policy   its policy, e.g. {@code ResourcePolicy.of("anyone", "claim:admin")}
     * @return this builder
     */
    public DataFnBuilder policy(String resource, ResourcePolicy policy) {
        policies.put(Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(policy, "policy"));
        return this;
    }

    /**
     * Seed 000's {@code allowUnknownResources}: whether callers may read and write resources without a
     * permissions policy (default: false, they are refused with 403). Use only in development.
     *
     * @param allow whether resources without a policy are open to every caller
     * @return this builder
     */
    public DataFnBuilder allowUnknownResources(boolean allow) {
        this.allowUnknownResources = allow;
        return this;
    }

    /**
     * @param providers the generated schema providers, e.g. {@code TodoSchema.INSTANCE}; without any,
     *                  every provider registered for {@link java.util.ServiceLoader} is used
     * @return this builder
     * @throws dev.datafn.schema.SchemaValidationException when the resources are not a valid schema
     */
    public DataFnBuilder schema(SchemaProvider... providers) {
        this.schema = Schema.of(providers);
        return this;
    }

    /** @param schema a schema @return this builder */
    public DataFnBuilder schema(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        return this;
    }

    /** @param database where the data lives (default: H2 file {@code ./data/datafn}) @return this builder */
    public DataFnBuilder database(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        return this;
    }

    /**
     * @param store issues serverSeqs (default: a {@link DatabaseSequenceStore} in the application's
     *              database); see {@link SequenceStore} for what every store guarantees
     * @return this builder
     */
    public DataFnBuilder sequenceStore(SequenceStore store) {
        Objects.requireNonNull(store, "store");
        this.sequenceStore = database -> store;
        return this;
    }

    /**
     * @param factory makes the store once the engine's database is open, for stores that use it (such
     *                as a {@link DatabaseSequenceStore} wrapped by another store)
     * @return this builder
     */
    public DataFnBuilder sequenceStore(Function<DataStore, SequenceStore> factory) {
        this.sequenceStore = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** @param change changes some limits, starting from the defaults @return this builder */
    public DataFnBuilder limits(Consumer<Limits.Builder> change) {
        Limits.Builder b = limits.toBuilder();
        change.accept(b);
        this.limits = b.build();
        return this;
    }

    /** @param clock the server clock (default: the system clock); useful in tests @return this builder */
    public DataFnBuilder clock(Supplier<Instant> clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @param directory where the full-text index of the searchable fields lives on disk, with each
     *                  namespace's mark, so it outlives a restart (see {@link SearchDirectory}): created when
     *                  missing, rebuilt from the database in the background when it holds no index of this
     *                  database and schema, locked while the engine runs; {@code null} (the default) keeps it
     *                  in memory, and each namespace is then indexed again from the database at its first
     *                  search or write after a start
     * @return this builder
     */
    public DataFnBuilder searchDirectory(java.nio.file.Path directory) {
        this.searchDirectory = directory;
        return this;
    }

    /**
     * @param enabled whether the searchable fields are indexed and {@code POST /datafn/search} answers
     *                (the default); off, no index is kept and every search is refused with
     *                {@code DFQL_UNSUPPORTED}
     * @return this builder
     */
    public DataFnBuilder search(boolean enabled) {
        this.searchEnabled = enabled;
        return this;
    }

    /**
     * @param timeout the longest any one statement may run (a query, a sync read, a write, a wait for a lock)
     *                before the database stops it, its transaction rolls back and the caller gets
     *                {@code DFQL_ABORTED} (default 30 s); the pool's sessions carry it as their own limit;
     *                {@code null} or zero for no limit
     * @return this builder
     */
    public DataFnBuilder queryTimeout(Duration timeout) {
        this.queryTimeout = timeout;
        return this;
    }

    /**
     * @param bytes the most the answers of all requests in flight may hold together, counted as their rows are
     *              read ({@link AnswerBudget}); a request that would pass it is answered 503
     *              {@code SERVICE_UNAVAILABLE}. Default: a quarter of the largest heap the JVM may use
     * @return this builder
     */
    public DataFnBuilder answerMemory(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("answer memory must be 1 byte or more: " + bytes);
        }
        this.answerMemoryBytes = bytes;
        return this;
    }

    /**
     * How long {@link DataFn#close()} lets requests in flight finish before it cancels their statements
     * (seed 000's {@code shutdownTimeoutMs}, default 10,000 ms). The engine holds it, not the HTTP
     * service: the engine owns what must drain (the requests it admitted, the transactions they run)
     * and what closes last (the pool), whichever web server or in-process caller uses it.
     *
     * @param timeout the longest drain; zero cancels running requests at once
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public DataFnBuilder shutdownTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeoutMs must not be negative: " + timeout.toMillis());
        }
        this.shutdownTimeout = timeout;
        return this;
    }

    /**
     * @param retention how long change records and idempotency records are kept, and when expired ones
     *                  are deleted (default: kept forever)
     * @return this builder
     */
    public DataFnBuilder retention(Retention retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /**
     * @param events told what the write path does as it works, e.g. a retry waiting for a concurrent
     *               first execution of its idempotency key (default: nothing)
     * @return this builder
     */
    public DataFnBuilder writeEvents(WriteEvents events) {
        this.writeEvents = Objects.requireNonNull(events, "events");
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
    public DataFnBuilder hibernateProperty(String key, Object value) {
        hibernateProperties.put(key, value);
        return this;
    }

    /**
     * Applies the options set under {@code datafn.*} (database, limits, retention, query timeout, unknown
     * resources, serverSeq store, search); options not set keep this builder's values. See
     * {@link dev.datafn.config.ConfigOptions} for every key.
     *
     * @param datafn the {@code datafn} node of a Helidon Config, e.g. {@code config.get("datafn")}
     * @return this builder
     * @throws dev.datafn.config.InvalidConfigException naming each unknown key and invalid value
     */
    public DataFnBuilder config(io.helidon.config.Config datafn) {
        return config(dev.datafn.config.DataFnSettings.read(datafn));
    }

    /**
     * Applies the engine's options of settings already read (and checked) once for the whole server.
     *
     * @param settings the settings
     * @return this builder
     */
    public DataFnBuilder config(dev.datafn.config.DataFnSettings settings) {
        EngineSettings.apply(settings, this);
        return this;
    }

    /** @return the retention set so far, for settings that change only part of it */
    Retention currentRetention() {
        return retention;
    }

    /**
     * Connects to the database, creates or updates the tables (embedded H2) or checks them (PostgreSQL;
     * see {@link Database#schemaManagement()}), and returns the engine.
     *
     * @return the engine
     * @throws dev.datafn.db.SchemaMismatchException when the tables are checked and do not match the records
     * @throws IllegalStateException naming {@code datafn.search.directory} when the search directory cannot
     *         hold the index (a file, not writable) or another process holds it
     */
    public DataFn build() {
        if (schema == null) {
            schema = Schema.discover(Thread.currentThread().getContextClassLoader());
        }
        return new DataFn(EngineCore.open(this), Access.unrestricted(), true, null);
    }
}
