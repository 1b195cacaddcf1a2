package dev.datafn.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.datafn.DataFn;
import dev.datafn.bench.DataGenerator.Dataset;
import dev.datafn.db.PoolStats;
import dev.datafn.http.DataFnHttp;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.schema.Namespace;
import io.helidon.webserver.WebServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code soak} scenario: a DataFn server on the bench's database under a steady mixed load for
 * {@code --minutes} (queries by id, pages and searches; mutations and transacts; pulls; streamed clones;
 * WebSocket clients reconnecting and receiving the writes' cursor frames), read once a minute in its own
 * process (heap after a full GC, threads, file descriptors, connections, sockets), printed as a table and
 * judged by {@link SoakVerdict}. The load is paced, not as fast as the machine goes: a leak shows as growth
 * over time, which a steady load makes visible, and the machine is shared.
 */
final class SoakScenario {

    /** The scenario's name, for {@code --only}; it runs only when named. */
    static final String NAME = "soak";

    /** The start of the namespaces the soak writes to, under the write scenarios' prefix so their cleanup empties them. */
    static final String NAMESPACE_PREFIX = WriteScenarios.NAMESPACE_PREFIX + "-soak-";

    /** The change log the pulls read from a random cursor (a pull scenario's, of this size). */
    static final int PULL_LOG = SyncScenarios.LOG_SIZES.getFirst();

    private static final int NAMESPACES = 10;
    private static final int SOCKETS = 50;
    private static final Duration SOCKET_CHURN = Duration.ofSeconds(15);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int TRANSACT_STEPS = 5;
    private static final String CLONE = "{\"version\": 1, \"tables\": [\"todos\"]}";
    private static final String LIVE_PULL = "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}, \"limit\": 100}";

    private final DataFn datafn;
    private final Dataset records;
    private final BenchOptions options;

    /**
     * @param datafn  the engine, shared with the other scenarios
     * @param records the namespace the queries, searches and clones read
     * @param options the options ({@code --minutes}, the database)
     */
    SoakScenario(DataFn datafn, Dataset records, BenchOptions options) {
        this.datafn = datafn;
        this.records = records;
        this.options = options;
    }

    /** @param minutes the length of the run @return the first minutes, whose readings are the levels */
    static int warmUpMinutes(int minutes) {
        return Math.min(3, Math.max(1, minutes / 4));
    }

    /**
     * Runs the load for {@code --minutes}, printing a row each minute, then the table and the verdict.
     *
     * @return whether the run stayed flat with no failed request or socket
     * @throws Exception when the server, the client process or the database fails
     */
    boolean run() throws Exception {
        System.out.println(SearchScenarios.timeIndexBuild(datafn, Bench.NAMESPACE,
                records.todos() + DataGenerator.PROJECTS));
        DataFnHttp http = DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.of(req.headers().first(Bench.NAMESPACE_HEADER).orElse(Bench.NAMESPACE)))
                .realtime(new RealtimeSettings(SOCKETS * 4, SOCKETS * 4, Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .build();
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register("/datafn", http))
                .addRouting(http.webSocketRouting("/datafn"))
                .build().start();
        List<SoakSample> samples = new ArrayList<>();
        List<String> errors;
        try (SocketClients clients = new SocketClients();
                ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build()) {
            String base = "http://127.0.0.1:" + server.port();
            List<SoakLoad.Stream> streams = streams(base);
            System.out.printf("soak: %d minutes; per second %s; %d WebSockets in %d namespaces, all reconnected"
                    + " every %d s%n", options.minutes(), describe(streams), SOCKETS, NAMESPACES, SOCKET_CHURN.toSeconds());
            System.out.println(SoakSample.MARKDOWN_HEADER);
            try (SoakSockets sockets = new SoakSockets(clients, http.cursorHub(), server.port(), SOCKETS,
                    NAMESPACE_PREFIX, NAMESPACES, SOCKET_CHURN)) {
                SoakLoad.Counts before = new SoakLoad.Counts(zero(), zero());
                samples.add(sample(0, http, sockets, before, CpuUse.start()));
                try (SoakLoad load = new SoakLoad(client, streams)) {
                    long start = System.nanoTime();
                    for (int minute = 1; minute <= options.minutes(); minute++) {
                        CpuUse cpu = CpuUse.start();
                        long wait = start + MINUTE.toNanos() * minute - System.nanoTime();
                        Thread.sleep(Duration.ofNanos(Math.max(0, wait)));
                        SoakLoad.Counts now = load.counts();
                        samples.add(sample(minute, http, sockets, now.since(before), cpu));
                        before = now;
                    }
                    errors = load.describedErrors();
                }
            }
        } finally {
            server.stop();
        }
        System.out.println();
        System.out.println("Soak, one row per minute (minute 0: before the load):");
        System.out.println();
        System.out.println(SoakSample.MARKDOWN_HEADER);
        samples.forEach(s -> System.out.println(s.markdownRow()));
        System.out.println();
        System.out.println(SoakSample.CSV_HEADER);
        samples.forEach(s -> System.out.println(s.csvRow()));
        System.out.println();
        errors.forEach(e -> System.out.println("soak error: " + e));
        SoakVerdict verdict = new SoakVerdict(samples, warmUpMinutes(options.minutes()));
        System.out.println(verdict.describe());
        return verdict.flat();
    }

    /** Reads the server between two socket reconnections, and prints the row. */
    private SoakSample sample(int minute, DataFnHttp http, SoakSockets sockets, SoakLoad.Counts requests,
            CpuUse cpu) throws Exception {
        SoakSockets.Read<ServerReading> read = sockets.read(open -> {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new ServerReading(heap, ManagementFactory.getThreadMXBean().getThreadCount(), fileDescriptors(),
                    datafn.vitals().pool(), options.postgres() ? pgBackends() : -1,
                    http.cursorHub().connectionCount(), open);
        });
        ServerReading r = read.server();
        CpuUse.Used used = cpu.stop();
        double serverCpu = used.seconds().getOrDefault(CpuUse.Owner.SELF, Double.NaN) / used.wall()
                / Runtime.getRuntime().availableProcessors();
        SoakSample s = new SoakSample(minute, r.heap(), r.threads(), r.fileDescriptors(), r.pool(), r.pgBackends(),
                r.serverSockets(), r.clientSockets(), requests, read.sockets().opened(), read.sockets().frames(),
                read.sockets().failures(), serverCpu, used.othersShare());
        System.out.println(s.markdownRow());
        return s;
    }

    /**
     * What one reading holds of the server.
     *
     * @param heap            heap after GC, bytes
     * @param threads         live platform threads
     * @param fileDescriptors open file descriptors
     * @param pool            DataFn's pool
     * @param pgBackends      PostgreSQL's backends of the database, or -1
     * @param serverSockets   the hub's sockets
     * @param clientSockets   the client's sockets
     */
    private record ServerReading(long heap, int threads, long fileDescriptors, PoolStats pool, int pgBackends,
            int serverSockets, int clientSockets) {
    }

    /**
     * The load's streams: per second 12 queries (6 by id, 2 pages of all projects, 2 of one project, 2
     * searches), 3.5 writes (3 mutations, half a transact of 5 inserts), 1.5 pulls (one 1,000-change pull
     * from a random cursor of a 10,000-change log every 2 s, one of a written namespace's first 100 changes
     * every second), and a streamed clone of the read namespace every 15 s.
     */
    private List<SoakLoad.Stream> streams(String base) {
        WriteScenarios writes = new WriteScenarios(base, options);
        SearchScenarios search = new SearchScenarios(base, options, writes);
        List<String> ids = records.todoIds();
        List<String> projects = records.projectIds();
        String pullNamespace = SyncScenarios.pullNamespace(PULL_LOG);
        return List.of(
                new SoakLoad.Stream("query by id", SoakLoad.Kind.QUERY, 6, (i, r) -> writes.post(Bench.NAMESPACE,
                        "/datafn/query", "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"%s\"}}"
                                .formatted(pick(r, ids)))),
                new SoakLoad.Stream("page", SoakLoad.Kind.QUERY, 2,
                        (i, r) -> writes.post(Bench.NAMESPACE, "/datafn/query", Scenarios.openTodos(null))),
                new SoakLoad.Stream("page of a project", SoakLoad.Kind.QUERY, 2, (i, r) -> writes.post(Bench.NAMESPACE,
                        "/datafn/query", Scenarios.openTodos(pick(r, projects)))),
                new SoakLoad.Stream("search", SoakLoad.Kind.QUERY, 2, (i, r) -> {
                    SearchScenarios.Kind kind = SearchScenarios.Kind.values()[r.nextInt(SearchScenarios.Kind.values().length)];
                    return search.datafn(kind, pick(r, kind.terms()));
                }),
                new SoakLoad.Stream("mutation", SoakLoad.Kind.WRITE, 3, (i, r) -> writes.datafn(
                        writeNamespace(r), writes.one(Scenario.Side.DATAFN, i, r))),
                new SoakLoad.Stream("transact", SoakLoad.Kind.WRITE, 0.5, (i, r) -> writes.transact(
                        writeNamespace(r), writes.steps(Scenario.Side.DATAFN, i, r, TRANSACT_STEPS))),
                new SoakLoad.Stream("pull", SoakLoad.Kind.PULL, 0.5, (i, r) -> writes.post(pullNamespace,
                        "/datafn/pull", SyncScenarios.pullBody(r, PULL_LOG))),
                new SoakLoad.Stream("pull of a written namespace", SoakLoad.Kind.PULL, 1,
                        (i, r) -> writes.post(writeNamespace(r), "/datafn/pull", LIVE_PULL)),
                new SoakLoad.Stream("clone", SoakLoad.Kind.CLONE, 1 / 15.0,
                        (i, r) -> writes.post(Bench.NAMESPACE, "/datafn/clone", CLONE)));
    }

    private static String writeNamespace(SplittableRandom random) {
        return NAMESPACE_PREFIX + random.nextInt(NAMESPACES);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String describe(List<SoakLoad.Stream> streams) {
        return String.join(", ", streams.stream().map(s -> "%s %.2f".formatted(s.name(), s.perSecond())).toList());
    }

    private static Map<SoakLoad.Kind, Long> zero() {
        Map<SoakLoad.Kind, Long> none = new EnumMap<>(SoakLoad.Kind.class);
        for (SoakLoad.Kind k : SoakLoad.Kind.values()) {
            none.put(k, 0L);
        }
        return none;
    }

    /** @return the process's open file descriptors, or -1 where the JVM cannot tell */
    private static long fileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** @return PostgreSQL's backends connected to the bench's database, other than the one asking */
    private int pgBackends() {
        try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count PostgreSQL's backends", e);
        }
    }
}
