package dev.datafn.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.sequence.DbMapping;
import redis.clients.jedis.JedisPooled;
import dev.datafn.config.Limits;
import dev.datafn.bench.DataGenerator.Dataset;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.http.DataFnHttp;
import dev.datafn.example.todo.TodoAppSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.json.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the benchmark: loads the data, serves DataFn at {@code /datafn} and the hand-written baseline at
 * {@code /baseline} on one Helidon server, checks that both answer the same rows and write the same
 * rows, then loads each scenario on each side in alternating rounds and prints every run and a
 * Markdown summary.
 *
 * <p>Usage: {@code java -jar datafn-bench/target/datafn-bench.jar --db postgres --rows 100000}; see
 * {@link BenchOptions#USAGE}.
 */
public final class Bench {

    /** The header that names the namespace of a request, on both sides. */
    static final HeaderName NAMESPACE_HEADER = HeaderNames.create("X-Namespace");

    /** The namespace of the record scenarios: DataFn's default. */
    static final String NAMESPACE = Namespace.DEFAULT.value();

    /** The namespace whose earlier writes fill the change log and idempotency tables before the writes run. */
    static final String HISTORY_NAMESPACE = "bench-history";

    /** The namespace of the groupBy scenario, so the record scenarios keep their size. */
    static final String AGGREGATE_NAMESPACE = "bench-groupby";

    private Bench() {
    }

    /**
     * @param args the options, see {@link BenchOptions#USAGE}
     * @throws Exception when the benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println((e.getMessage().equals("usage") ? "" : e.getMessage() + "\n\n") + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        LogConfig.configureRuntime();
        if (options.runs(StartScenario.NAME)) {
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()) {
                new StartScenario(options.exampleJar(), client).run();
            }
            if (!options.needsDatabase()) {
                return;
            }
        }
        // DataFn first: Hibernate creates the tables the generator fills (the bench database is scratch,
        // so its tables are created rather than migrated).
        DataFnBuilder builder = engine(options, options.poolSize());
        boolean redisWriters = options.runs("writers-redis");
        boolean kvWriters = options.runs("writers-kv");
        // Only the soak judges its run; a soak that did not stay flat ends the bench with status 1.
        boolean flat = true;
        try (DataFn datafn = builder.build();
                DataFn unindexed = SearchScenarios.anyWrites(options) ? unindexed(builder) : null;
                JedisPooled redis = redisWriters ? new JedisPooled("127.0.0.1", 6379) : null;
                DataFn onRedis = redisWriters ? builder.sequenceStore(DbMapping.serverseq("redis", () -> redis, null))
                        .build() : null;
                DataFn onKv = kvWriters ? builder.sequenceStore(DbMapping.serverseq("kv", null, null)).build() : null;
                HikariDataSource pool = baselinePool(options)) {
            printEnvironment(options, pool);
            boolean reads = Scenarios.any(options);
            boolean writes = WriteScenarios.any(options);
            boolean sync = SyncScenarios.any(options);
            boolean searchReads = SearchScenarios.anyReads(options);
            boolean search = SearchScenarios.any(options);
            boolean soak = options.runs(SoakScenario.NAME);
            TodoSearches searches = searchReads && options.postgres() ? new TodoSearches(pool) : null;
            TodoWrites todoWrites = new TodoWrites(pool, BaselineService.JSON, options.postgres());
            // Whatever an earlier run wrote goes first: the reads share the todo table, and every run starts alike.
            todoWrites.clear(WriteScenarios.NAMESPACE_PREFIX);
            DataGenerator generator = new DataGenerator(options);
            // The writes, too, find the todo table and DataFn's own tables as a server in use has them.
            Dataset records = reads || writes || sync || search || soak
                    ? generator.ensure(NAMESPACE, options.rows(), reads || soak) : null;
            if (searchReads || soak) {
                generator.recordAsPruned(NAMESPACE);
            }
            if (writes || sync) {
                generator.ensureHistory(HISTORY_NAMESPACE, options.rows());
            }
            for (int size : SyncScenarios.LOG_SIZES) {
                if (options.runs(SyncScenarios.pullScenario(size)) || (soak && size == SoakScenario.PULL_LOG)) {
                    generator.ensureHistory(SyncScenarios.pullNamespace(size), size);
                }
            }
            Dataset aggregates = options.runs("group-by")
                    ? generator.ensure(AGGREGATE_NAMESPACE, options.aggregateRows(), false) : null;
            WebServer server = WebServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .routing(r -> {
                        r.register("/datafn", http(datafn))
                                .register("/baseline", new BaselineService(new TodoQueries(pool)),
                                        new BaselineWrites(todoWrites, BaselineService.JSON),
                                        new BaselineSync(pool, BaselineService.JSON));
                        if (searches != null) {
                            r.register("/baseline", new BaselineSearch(searches, BaselineService.JSON));
                        }
                        if (unindexed != null) {
                            r.register(SearchScenarios.UNINDEXED_PATH, http(unindexed));
                        }
                        if (onRedis != null) {
                            r.register("/datafn-redis", http(onRedis));
                        }
                        if (onKv != null) {
                            r.register("/datafn-kv", http(onKv));
                        }
                    })
                    .build()
                    .start();
            try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
                    HttpClient client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .executor(clientThreads)
                            .build()) {
                String base = "http://127.0.0.1:" + server.port();
                List<Scenario> scenarios = new ArrayList<>();
                if (reads) {
                    scenarios.addAll(new Scenarios(base, options)
                            .build(records, aggregates, deepCursor(datafn, records)));
                    AnswerCheck check = new AnswerCheck(client);
                    for (Scenario s : scenarios) {
                        System.out.printf("%-13s same answers on both sides (%d rows)%n", s.name(), check.verify(s));
                    }
                }
                if (writes) {
                    WriteScenarios writeScenarios = new WriteScenarios(base, options);
                    boolean batches = options.runs("insert-batch") || options.runs("insert-transact");
                    System.out.println("writes        same rows on both sides ("
                            + new WriteCheck(client, pool, writeScenarios).verify(batches) + ")");
                    scenarios.addAll(writeScenarios.build());
                }
                if (sync) {
                    scenarios.addAll(new SyncScenarios(new WriteScenarios(base, options), options).build());
                }
                if (search) {
                    scenarios.addAll(searchScenarios(datafn, records, searches, client, base, options));
                }
                if (!scenarios.isEmpty()) {
                    measure(options, client, scenarios, todoWrites);
                }
                if (unindexed != null) {
                    System.out.println(SearchScenarios.indexedAfterWrites(datafn));
                }
            } finally {
                server.stop();
                if (writes || search) {
                    todoWrites.clear(WriteScenarios.NAMESPACE_PREFIX);
                }
                if (searches != null) {
                    searches.dropIndexes();
                }
            }
            if (options.runs(RealtimeScenario.NAME)) {
                try {
                    new RealtimeScenario(datafn,
                            () -> engine(options, RealtimeScenario.SECOND_INSTANCE_POOL).build(), options).run();
                } finally {
                    todoWrites.clear(RealtimeScenario.NAMESPACE_PREFIX);
                }
            }
            if (soak) {
                try {
                    flat = new SoakScenario(datafn, records, options).run();
                } finally {
                    todoWrites.clear(SoakScenario.NAMESPACE_PREFIX);
                }
            }
        }
        if (!flat) {
            System.exit(1);
        }
    }

    /**
     * DataFn on the bench database; built once for the scenarios, and again for a second instance.
     *
     * @param poolSize the connections of its pool
     */
    private static DataFnBuilder engine(BenchOptions options, int poolSize) {
        DataFnBuilder builder = DataFn.builder()
                .schema(TodoAppSchema.INSTANCE)
                .database(Database.jdbc(options.jdbcUrl(), options.user(), options.password())
                        .withPoolSize(poolSize).withSchemaManagement(SchemaManagement.UPDATE))
                // One transact of the batch scenario holds as many inserts as one batch of the baseline.
                .limits(l -> l.maxTransactSteps(
                        Math.max(options.batchSize(), Limits.DEFAULTS.maxTransactSteps())));
        options.hibernate().forEach(builder::hibernateProperty);
        return builder;
    }

    /**
     * The search scenarios, after timing the build of DataFn's index and PostgreSQL's, one after the other,
     * and checking that both sides answer each search fully and correctly.
     */
    private static List<Scenario> searchScenarios(DataFn datafn, Dataset records, TodoSearches searches,
            HttpClient client, String base, BenchOptions options) throws Exception {
        boolean reads = SearchScenarios.anyReads(options);
        if (reads) {
            System.out.println(SearchScenarios.timeIndexBuild(datafn, NAMESPACE,
                    records.todos() + DataGenerator.PROJECTS));
            if (searches != null) {
                System.out.println("search        PostgreSQL: " + searches.createIndexes());
            } else {
                System.out.println("search        search-word, search-prefix and search-fuzzy skipped: their baseline"
                        + " is PostgreSQL's full-text search, and the database is not PostgreSQL");
            }
        }
        SearchScenarios scenarios = new SearchScenarios(base, options, new WriteScenarios(base, options));
        List<Scenario> built = scenarios.build(searches != null, searches != null && searches.trigrams());
        SearchCheck check = new SearchCheck(client, scenarios);
        for (SearchScenarios.Kind kind : SearchScenarios.Kind.values()) {
            if (built.stream().anyMatch(s -> s.name().equals(kind.scenario()))) {
                System.out.printf("%-13s %s%n", kind.scenario(), check.verify(kind));
            }
        }
        return built;
    }

    /**
     * The same engine as the builder's, without a search index; the builder is left as it was.
     */
    private static DataFn unindexed(DataFnBuilder builder) {
        try {
            return builder.search(false).build();
        } finally {
            builder.search(true);
        }
    }

    private static void measure(BenchOptions options, HttpClient client, List<Scenario> scenarios, TodoWrites writes)
            throws Exception {
        LoadGenerator load = new LoadGenerator(client, options.profiles());
        // Round 0 warms up both sides on every scenario (the JIT compiles the hot paths) and is not reported.
        for (Scenario s : scenarios) {
            for (Scenario.Side side : Scenario.Side.values()) {
                analyzeBefore(s, writes);
                System.out.println(load.run(s, side, 0, Duration.ZERO, options.warmUp()));
            }
        }
        Report report = new Report();
        for (Scenario s : scenarios) {
            report.add(s);
            for (int round = 1; round <= options.rounds(); round++) {
                // Alternate which side goes first, so neither always follows the other's load.
                List<Scenario.Side> order = round % 2 == 1
                        ? List.of(Scenario.Side.BASELINE, Scenario.Side.DATAFN)
                        : List.of(Scenario.Side.DATAFN, Scenario.Side.BASELINE);
                for (Scenario.Side side : order) {
                    analyzeBefore(s, writes);
                    RunResult result;
                    if (s.name().startsWith("clone")) {
                        try (HeapPeak heap = new HeapPeak()) {
                            result = load.run(s, side, round, options.warmUp(), options.duration());
                            heap.close();
                            System.out.println(result + "\n    " + side.label() + " " + heap.describe());
                        }
                    } else {
                        result = load.run(s, side, round, options.warmUp(), options.duration());
                        System.out.println(result);
                    }
                    report.add(result);
                }
            }
        }
        System.out.println();
        System.out.println("Best of " + options.rounds() + " rounds per side (the run with the most requests/s):");
        System.out.println();
        System.out.println(report.markdown());
    }

    /**
     * Before a write run, brings the planner's statistics up to date with what the earlier runs wrote, as
     * autovacuum does on a server in use (and does not here, where it is off). With statistics that have
     * never seen a write namespace, PostgreSQL takes it for empty and may look an id up through the
     * (namespace, project) index instead of the primary key, reading the whole namespace each time.
     */
    private static void analyzeBefore(Scenario s, TodoWrites writes) throws SQLException {
        if (s.writes()) {
            writes.analyze();
        }
    }

    /** DataFn's cursor of the deep page: the one the page before it answers. */
    private static String deepCursor(DataFn datafn, Dataset records) throws Exception {
        int before = (Scenarios.deepPage(records.todos()) - 2) * Scenarios.PAGING_LIMIT;
        String query = "{\"resource\": \"todos\", \"version\": 1, \"limit\": %d, \"offset\": %d}"
                .formatted(Scenarios.PAGING_LIMIT, before);
        return datafn.query(Namespace.DEFAULT, Json.MAPPER.readTree(query)).nextCursor();
    }

    /** The baseline's pool: HikariCP like DataFn's, of the same size, left in its default auto-commit mode. */
    /** DataFn's HTTP protocol, each request in the namespace its header names. */
    private static DataFnHttp http(DataFn datafn) {
        return DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.of(req.headers().first(NAMESPACE_HEADER).orElse(NAMESPACE)))
                .build();
    }

    private static HikariDataSource baselinePool(BenchOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setUsername(options.user());
        config.setPassword(options.password());
        config.setMaximumPoolSize(options.poolSize());
        config.setPoolName("baseline");
        return new HikariDataSource(config);
    }

    private static void printEnvironment(BenchOptions options, HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData db = c.getMetaData();
            System.out.printf("JDK %s, %d cores, %s %s at %s%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), db.getDatabaseProductName(),
                    db.getDatabaseProductVersion(), options.jdbcUrl());
            System.out.printf("rows %,d, groupBy rows %,d, pools of %d, %d clients (groupBy %d), %d writers,"
                    + " batches of %d, %d rounds of %d s warm-up + %d s measured per side%n", options.rows(),
                    options.aggregateRows(), options.poolSize(), options.concurrency(), options.aggregateConcurrency(),
                    options.writers(), options.batchSize(), options.rounds(), options.warmUp().toSeconds(),
                    options.duration().toSeconds());
            if (!options.hibernate().isEmpty()) {
                System.out.println("DataFn with Hibernate settings " + options.hibernate());
            }
        }
    }
}
