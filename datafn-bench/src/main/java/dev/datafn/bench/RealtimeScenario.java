package dev.datafn.bench;

import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.PostgresCommitBus;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.realtime.RedisCommitBus;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.spi.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The {@code realtime} scenario (live updates over {@code GET /datafn/ws}), against a server of its own in
 * this JVM with a bearer token, 5-second heartbeats and connection limits that fit the run. The sockets live
 * in a child process ({@link SocketClients}), so this JVM's heap and file descriptors hold the server's side
 * only:
 *
 * <ol>
 * <li><b>Connections:</b> opens {@code --sockets} idle authenticated sockets in 100 namespaces, reports this
 *     JVM's heap after GC per socket (with them minus before them) and holds them for three heartbeat
 *     intervals, counting the pings answered and the sockets the server closed (should be none).</li>
 * <li><b>Writers' cost and broadcast latency:</b> {@code --writers} writers insert todos, each into a random
 *     one of the 100 namespaces, in windows with no socket open and with 1,000 (10 per namespace) in turn,
 *     {@code --rounds} of each and a last one without; the ratio is the insert rate of all windows with
 *     sockets over that of all without, and the CPU time per insert of this JVM, PostgreSQL and the client
 *     process tells where the difference went. Each commit's time is
 *     taken in {@link DataFn#onCommit} right after it, each cursor frame's when the client process read it,
 *     both on {@link SharedClock}; after the window every frame gives one sample per commit it is the first
 *     of its socket's frames to cover: commit to frame read.</li>
 * <li><b>Two instances</b> (PostgreSQL only): a second engine and server on the same database, the two
 *     joined by {@link PostgresCommitBus}, then by {@link RedisCommitBus}; the writers write to the first,
 *     the 1,000 sockets listen on the second; the same latency.</li>
 * </ol>
 */
final class RealtimeScenario {

    /** The scenario's name, for {@code --only}. */
    static final String NAME = "realtime";

    /** The start of the scenario's namespaces, under the write scenarios' prefix so the same cleanup empties them. */
    static final String NAMESPACE_PREFIX = WriteScenarios.NAMESPACE_PREFIX + "-live-";

    /**
     * The pool of the second instance's engine: it serves sockets only (a read of the namespace's seq per
     * hello), and a shared PostgreSQL may have few connections to spare.
     */
    static final int SECOND_INSTANCE_POOL = 4;

    private static final int NAMESPACES = 100;
    private static final int BROADCAST_SOCKETS = 1_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN = "bench-live-token";
    private static final int WARM_UP_SOCKETS = 500;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** The bus channels of the two-instance runs, apart from any application's on a shared Redis. */
    private static final String POSTGRES_CHANNEL = "datafn_bench_live";
    private static final String REDIS_CHANNEL = "datafn-bench-live:commits";
    private static final URI REDIS = URI.create("redis://127.0.0.1:6379");

    private final DataFn datafn;
    private final Supplier<DataFn> secondInstance;
    private final BenchOptions options;
    private final WriteScenarios bodies;

    /** Per namespace: serverSeq to {@link SharedClock#micros()} right after its commit. */
    private final Map<String, ConcurrentNavigableMap<Long, Long>> commits = new ConcurrentHashMap<>();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicLong measuredCommits = new AtomicLong();

    /**
     * @param datafn         the engine, shared with the other scenarios
     * @param secondInstance builds another engine on the same database, for the two-instance runs
     * @param options        the options
     */
    RealtimeScenario(DataFn datafn, Supplier<DataFn> secondInstance, BenchOptions options) {
        this.datafn = datafn;
        this.secondInstance = secondInstance;
        this.options = options;
        this.bodies = new WriteScenarios("", options);
    }

    /**
     * Runs every part and prints their results and a Markdown summary.
     *
     * @throws Exception when a server, the client process or a socket fails
     */
    void run() throws Exception {
        // Registered before the live service's own listener, so a commit's time is taken before its broadcast.
        try (AutoCloseable timing = datafn.onCommit(w -> {
            String ns = w.namespace().value();
            if (ns.startsWith(NAMESPACE_PREFIX)) {
                commits.computeIfAbsent(ns, k -> new ConcurrentSkipListMap<>()).put(w.lastServerSeq(), SharedClock.micros());
                if (measuring.get()) {
                    measuredCommits.incrementAndGet();
                }
            }
        });
                SocketClients clients = new SocketClients();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            System.out.printf("realtime: open-file limit %,d in this JVM, %,d in the socket client process%n",
                    SocketClientProcess.openFileLimit(), clients.openFileLimit());
            String connections;
            String writers;
            DataFnHttp http = http(datafn, null);
            WebServer server = serve(http);
            try {
                connections = connections(clients, http, server.port(), options.sockets());
                writers = writers(clients, client, server.port());
            } finally {
                server.stop();
            }
            StringBuilder instances = new StringBuilder();
            if (options.postgres()) {
                instances.append("| bus | writers | inserts/s on A, 1,000 sockets on B | deliveries seen"
                        + " | commit → frame p50 | p99 | max |\n|---|--:|--:|--:|--:|--:|--:|\n");
                for (String bus : List.of("postgres", "redis")) {
                    try {
                        instances.append(twoInstances(clients, client, bus));
                    } catch (RuntimeException e) {
                        // A second instance that cannot start (no connection left, no Redis) costs its row only.
                        System.out.println("realtime two instances (" + bus + "): failed: " + e);
                        instances.append("| %s | failed: %s |\n".formatted(bus, e.getMessage()));
                    }
                }
            }
            System.out.println();
            System.out.println("Realtime (heartbeat every " + HEARTBEAT.toSeconds() + " s, timeout "
                    + HEARTBEAT_TIMEOUT.toSeconds() + " s; sockets in a process of their own):");
            System.out.println();
            System.out.println(connections);
            System.out.println(writers);
            if (!instances.isEmpty()) {
                System.out.println("Two instances on one database, writers on A, sockets on B:");
                System.out.println();
                System.out.println(instances);
            }
        }
    }

    /** DataFn's protocol with the bench's token, the namespace header, and limits that fit the run. */
    private DataFnHttp http(DataFn engine, CommitBus bus) {
        int sockets = options.sockets();
        DataFnHttp.Builder builder = DataFnHttp.builder(engine)
                .authenticate(request -> request.headers().first(HeaderNames.AUTHORIZATION)
                        .filter(("Bearer " + TOKEN)::equals)
                        .map(h -> new Caller("bench", null, Map.of()))
                        .orElseThrow(() -> new DataFnException(ErrorCode.UNAUTHORIZED, "a bearer token is required")))
                .namespaceProvider(req -> Namespace.of(req.headers().first(Bench.NAMESPACE_HEADER).orElseThrow()))
                .realtime(new RealtimeSettings(sockets + BROADCAST_SOCKETS, Math.max(sockets, BROADCAST_SOCKETS),
                        HEARTBEAT, HEARTBEAT_TIMEOUT));
        if (bus != null) {
            builder.commitBus(bus);
        }
        return builder.build();
    }

    private static WebServer serve(DataFnHttp http) {
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register("/datafn", http))
                .addRouting(http.webSocketRouting("/datafn"))
                .build().start();
    }

    /** Part 1: many idle sockets, this JVM's heap for them and their heartbeats. */
    private String connections(SocketClients clients, DataFnHttp http, int port, int sockets) throws Exception {
        // A first batch, closed again, loads and compiles the upgrade path, so the baseline heap holds its classes.
        clients.open(port, Math.min(sockets, WARM_UP_SOCKETS), TOKEN, NAMESPACE_PREFIX, NAMESPACES);
        clients.closeSockets();
        awaitNoConnection(http);
        long before = heapAfterGc();
        double openSeconds = clients.open(port, sockets, TOKEN, NAMESPACE_PREFIX, NAMESPACES);
        long with = heapAfterGc();
        System.out.printf("realtime connections: %,d sockets open and greeted in %.1f s (%,d on the server); heap"
                + " after GC %,d MB before, %,d MB with them%n", sockets, openSeconds,
                http.cursorHub().connectionCount(), before >> 20, with >> 20);
        SocketClients.Counts start = clients.counts();
        Duration hold = HEARTBEAT.multipliedBy(3).plusSeconds(1);
        Thread.sleep(hold);
        SocketClients.Counts end = clients.counts();
        long pings = end.pings() - start.pings();
        System.out.printf("realtime connections: held %d s: %,d pings answered (%.2f per socket), %d sockets"
                + " closed by the server, %d error frames, %,d still open on the server%n", hold.toSeconds(), pings,
                pings / (double) sockets, end.closedByServer(), end.errorFrames(), http.cursorHub().connectionCount());
        clients.closeSockets();
        awaitNoConnection(http);
        return ("| idle sockets | server heap per socket | pings per socket in %d s | closed by the server |\n"
                + "|--:|--:|--:|--:|\n| %,d | %,.1f KB | %.2f | %d |\n").formatted(hold.toSeconds(), sockets,
                (with - before) / (double) sockets / 1024, pings / (double) sockets, end.closedByServer());
    }

    /**
     * Part 2: windows of the writers with no socket and with 1,000 in turn ({@code --rounds} of each, and one
     * more without at the end), so a drift of the machine's speed (the JIT, other programs) weighs on both
     * sides alike; the latency over every window with sockets.
     */
    private String writers(SocketClients clients, HttpClient client, int port) throws Exception {
        Duration window = options.duration();
        URI endpoint = mutationEndpoint(port);
        // With sockets open, so both the inserts and their broadcasts are compiled before the first window.
        clients.open(port, BROADCAST_SOCKETS, TOKEN, NAMESPACE_PREFIX, NAMESPACES);
        Rate warm = write(clients, client, endpoint, options.warmUp());
        clients.closeSockets();
        System.out.println("realtime writers: warm-up with 1,000 sockets " + warm);
        List<Rate> none = new ArrayList<>();
        List<Rate> with = new ArrayList<>();
        List<SocketClients.Frame> frames = new ArrayList<>();
        long expected = 0;
        long closed = 0;
        for (int round = 1; round <= options.rounds() + 1; round++) {
            none.add(write(clients, client, endpoint, window));
            System.out.println("realtime writers: no socket        " + none.getLast());
            if (round > options.rounds()) {
                break;
            }
            clients.open(port, BROADCAST_SOCKETS, TOKEN, NAMESPACE_PREFIX, NAMESPACES);
            Measured m = measureWithSockets(clients, client, endpoint, window);
            with.add(m.rate());
            frames.addAll(m.frames());
            expected += m.expected();
            closed += m.closedByServer();
            System.out.println("realtime writers: 1,000 sockets    " + m.rate() + "; " + m.closedByServer()
                    + " sockets closed by the server");
        }
        Rate noneAll = Rate.sum(none);
        Rate withAll = Rate.sum(with);
        double ratio = withAll.perSecond() / noneAll.perSecond();
        // Each window with sockets against the mean of the windows either side of it: a steady drift of the
        // machine's speed (the JIT, a table growing, other programs) cancels out, where the pooled ratio keeps it.
        StringBuilder pairs = new StringBuilder();
        double pairSum = 0;
        for (int i = 0; i < with.size(); i++) {
            double pair = with.get(i).perSecond() / ((none.get(i).perSecond() + none.get(i + 1).perSecond()) / 2);
            double cpu = with.get(i).serverMillis() - (none.get(i).serverMillis() + none.get(i + 1).serverMillis()) / 2;
            pairs.append(pairs.isEmpty() ? "" : ", ").append("%.2f (server CPU %+.2f ms per insert)".formatted(pair, cpu));
            pairSum += pair;
        }
        System.out.printf("realtime writers: each window with sockets / the mean of its neighbours without: %s; mean"
                + " %.3f%n", pairs, pairSum / with.size());
        Latency l = latency(frames, expected);
        System.out.printf("realtime writers: %d windows with sockets, %d without: %,.0f inserts/s with, %,.0f without,"
                + " ratio %.3f; server JVM CPU %.2f ms per insert with (%.2f in the kernel), %.2f without (%.2f);"
                + " database %.2f with, %.2f without; socket clients %.3f ms per insert; %d sockets closed by the"
                + " server%n", with.size(), none.size(), withAll.perSecond(), noneAll.perSecond(), ratio,
                withAll.serverMillis(), withAll.serverSystemMillis(), noneAll.serverMillis(),
                noneAll.serverSystemMillis(), withAll.databaseMillis(), noneAll.databaseMillis(),
                withAll.clientMillis(), closed);
        System.out.println("realtime latency: " + l);
        return ("| writers | windows of %d s (with / without) | inserts/s, no socket | inserts/s, 1,000 sockets | ratio"
                + " | server CPU per insert, none → 1,000 sockets | socket clients' CPU per insert"
                + " | deliveries seen | commit → frame p50 | p99 | max |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
                + "| %d | %d / %d | %,.0f | %,.0f | **%.3f** | %.2f → %.2f ms | %.3f ms | %,d of %,d | %.2f ms"
                + " | %.2f ms | %.1f ms |\n").formatted(window.toSeconds(), options.writers(), with.size(), none.size(),
                        noneAll.perSecond(), withAll.perSecond(), ratio, noneAll.serverMillis(), withAll.serverMillis(),
                        withAll.clientMillis(), l.delivered(), l.expected(), l.p50(), l.p99(), l.max());
    }

    /**
     * Part 3: a second engine and server on the same database, joined to the first by a bus; the sockets on
     * the second, the writers on the first.
     */
    private String twoInstances(SocketClients clients, HttpClient client, String busName) throws Exception {
        Set<String> everyResource = datafn.schema().resources().stream().map(ResourceSchema::name)
                .collect(Collectors.toUnmodifiableSet());
        try (DataFn b = secondInstance.get();
                CommitBus busA = bus(busName, datafn, everyResource);
                CommitBus busB = bus(busName, b, everyResource)) {
            WebServer serverA = serve(http(datafn, busA));
            WebServer serverB = serve(http(b, busB));
            try {
                URI endpoint = mutationEndpoint(serverA.port());
                // The second engine's first writes and reads, and the bus's, are compiled before the window.
                Rate warm = write(clients, client, endpoint,
                        Duration.ofSeconds(Math.min(10, options.warmUp().toSeconds())));
                System.out.println("realtime two instances (" + busName + "): warm-up " + warm);
                clients.open(serverB.port(), BROADCAST_SOCKETS, TOKEN, NAMESPACE_PREFIX, NAMESPACES);
                Measured with = measureWithSockets(clients, client, endpoint, options.duration());
                System.out.println("realtime two instances (" + busName + "): writers on A " + with.rate()
                        + "; 1,000 sockets on B, " + with.closedByServer() + " closed by the server");
                Latency l = latency(with.frames(), with.expected());
                System.out.println("realtime two instances (" + busName + "): " + l);
                return "| %s | %d | %,.0f | %,d of %,d | %.2f ms | %.2f ms | %.1f ms |\n".formatted(
                        busName.equals("postgres") ? "PostgreSQL `LISTEN/NOTIFY`" : "Redis pub/sub", options.writers(),
                        with.rate().perSecond(), l.delivered(), l.expected(), l.p50(), l.p99(), l.max());
            } finally {
                serverB.stop();
                serverA.stop();
            }
        }
    }

    private static CommitBus bus(String name, DataFn engine, Set<String> everyResource) {
        return name.equals("postgres")
                ? new PostgresCommitBus(engine.database(), POSTGRES_CHANNEL, everyResource)
                : new RedisCommitBus(REDIS, REDIS_CHANNEL, everyResource);
    }

    /**
     * The writers for one window while the client process's sockets are open; then, after the last frames
     * had time to arrive, the frames that moved a socket forward, and the sockets closed.
     */
    private Measured measureWithSockets(SocketClients clients, HttpClient client, URI endpoint, Duration window)
            throws Exception {
        clients.frames();
        measuredCommits.set(0);
        measuring.set(true);
        Rate rate = write(clients, client, endpoint, window);
        measuring.set(false);
        Thread.sleep(SETTLE);
        List<SocketClients.Frame> frames = clients.frames();
        long closed = clients.counts().closedByServer();
        clients.closeSockets();
        return new Measured(rate, frames, measuredCommits.get() * (BROADCAST_SOCKETS / NAMESPACES), closed);
    }

    /** Each frame gives a sample for each commit of its namespace above the seq its socket knew, up to its own. */
    private Latency latency(List<SocketClients.Frame> frames, long expected) {
        Histogram latencies = new Histogram(3);
        long early = 0;
        for (SocketClients.Frame f : frames) {
            ConcurrentNavigableMap<Long, Long> times = commits.get(f.namespace());
            if (times == null) {
                continue;
            }
            for (long committed : times.subMap(f.after(), false, f.seq(), true).values()) {
                long micros = f.receivedMicros() - committed;
                if (micros < 0) {
                    // A later commit's frame covered this one before its own writer took its time.
                    early++;
                }
                latencies.recordValue(Math.max(0, micros));
            }
        }
        return new Latency(latencies.getTotalCount(), expected, early, latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0, latencies.getMaxValue() / 1000.0);
    }

    /**
     * One window with sockets open.
     *
     * @param rate           the writers' rate
     * @param frames         the cursor frames that moved a socket forward
     * @param expected       the (commit, socket) deliveries owed: each commit to each of its namespace's sockets
     * @param closedByServer the sockets the server closed meanwhile (should be none)
     */
    private record Measured(Rate rate, List<SocketClients.Frame> frames, long expected, long closedByServer) {
    }

    /**
     * Commit-to-frame latencies of a window.
     *
     * @param delivered the (commit, socket) deliveries seen
     * @param expected  the deliveries owed: each commit to each of its namespace's sockets
     * @param early     deliveries read before the commit's own time was taken (counted as 0 ms)
     * @param p50       the median, ms
     * @param p99       the 99th percentile, ms
     * @param max       the longest, ms
     */
    private record Latency(long delivered, long expected, long early, double p50, double p99, double max) {
        @Override
        public String toString() {
            return "%,d of %,d (commit, socket) deliveries seen (%,d before the commit's time was taken); p50 %.2f ms,"
                    .formatted(delivered, expected, early, p50) + " p99 %.2f ms, max %.1f ms".formatted(p99, max);
        }
    }

    private static URI mutationEndpoint(int port) {
        return URI.create("http://127.0.0.1:" + port + "/datafn/mutation");
    }

    /** Inserts with {@code --writers} closed-loop writers for {@code window}, each into a random namespace. */
    private Rate write(SocketClients clients, HttpClient client, URI endpoint, Duration window) throws Exception {
        CpuUse cpu = CpuUse.start();
        double clientCpu = clients.cpuSeconds();
        double systemCpu = ownSystemCpuSeconds();
        long deadline = System.nanoTime() + window.toNanos();
        AtomicLong inserts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < options.writers(); w++) {
                int writer = w;
                writers.submit(() -> {
                    SplittableRandom random = new SplittableRandom(writer * 7919L + System.nanoTime());
                    while (System.nanoTime() < deadline) {
                        String namespace = NAMESPACE_PREFIX + random.nextInt(NAMESPACES);
                        HttpRequest request = HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + TOKEN)
                                .header(Bench.NAMESPACE_HEADER.defaultCase(), namespace)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        bodies.one(Scenario.Side.DATAFN, writer, random)))
                                .build();
                        try {
                            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? inserts : errors).incrementAndGet();
                        } catch (java.io.IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuUse.Used used = cpu.stop();
        double clientSeconds = clients.cpuSeconds() - clientCpu;
        // CpuUse counts the client process among the other programs; it is reported on its own.
        double others = used.seconds().getOrDefault(CpuUse.Owner.OTHERS, Double.NaN) - clientSeconds;
        return new Rate(inserts.get(), errors.get(), seconds,
                used.seconds().getOrDefault(CpuUse.Owner.SELF, Double.NaN), ownSystemCpuSeconds() - systemCpu,
                used.seconds().getOrDefault(CpuUse.Owner.DATABASE, Double.NaN), clientSeconds,
                others / seconds / Runtime.getRuntime().availableProcessors());
    }

    /**
     * A window's inserts and the CPU time spent meanwhile.
     *
     * @param inserts     the inserts answered 200
     * @param errors      the others
     * @param seconds     the window's length
     * @param serverCpu   CPU seconds of this JVM (the server and the writers' HTTP client)
     * @param serverSystemCpu the part of them spent in the kernel (socket writes and reads among others)
     * @param databaseCpu CPU seconds of PostgreSQL's processes (0 on H2, which runs in this JVM)
     * @param clientCpu   CPU seconds of the socket client process
     * @param othersShare the share of all cores that other programs used, from 0 to 1
     */
    private record Rate(long inserts, long errors, double seconds, double serverCpu, double serverSystemCpu,
            double databaseCpu, double clientCpu, double othersShare) {

        /** @return the windows as one: their inserts over their time, their CPU added up */
        static Rate sum(List<Rate> windows) {
            Rate all = new Rate(0, 0, 0, 0, 0, 0, 0, 0);
            for (Rate r : windows) {
                all = new Rate(all.inserts + r.inserts, all.errors + r.errors, all.seconds + r.seconds,
                        all.serverCpu + r.serverCpu, all.serverSystemCpu + r.serverSystemCpu,
                        all.databaseCpu + r.databaseCpu, all.clientCpu + r.clientCpu,
                        all.othersShare + r.othersShare * r.seconds);
            }
            return new Rate(all.inserts, all.errors, all.seconds, all.serverCpu, all.serverSystemCpu, all.databaseCpu,
                    all.clientCpu, all.seconds == 0 ? Double.NaN : all.othersShare / all.seconds);
        }

        double perSecond() {
            return inserts / seconds;
        }

        double serverMillis() {
            return serverCpu * 1000 / inserts;
        }

        double serverSystemMillis() {
            return serverSystemCpu * 1000 / inserts;
        }

        double databaseMillis() {
            return databaseCpu * 1000 / inserts;
        }

        double clientMillis() {
            return clientCpu * 1000 / inserts;
        }

        @Override
        public String toString() {
            return ("%,.0f inserts/s (%,d in %.1f s, %d errors); CPU per insert: server JVM %.2f ms (%.2f ms of it in"
                    + " the kernel), database %.2f ms, socket clients %.3f ms; other programs %.0f%% of the cores")
                    .formatted(perSecond(), inserts, seconds, errors, serverMillis(), serverSystemMillis(),
                            databaseMillis(), clientMillis(), othersShare * 100);
        }
    }

    /** @return this JVM's CPU time in the kernel so far, from {@code /proc/self/stat} (NaN elsewhere than Linux) */
    private static double ownSystemCpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // After the command name: state is field 3 of the line, stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Waits (bounded) until the server has dropped every closed socket, so the next heap reading holds none. */
    private static void awaitNoConnection(DataFnHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.cursorHub().connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** @return the heap in use after a few full collections */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
