package dev.datafn.bench;

import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.schema.Namespace;
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
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The {@code realtime} scenario (live updates over {@code GET /datafn/ws}), against a server of its own in
 * this JVM with a bearer token, 5-second heartbeats and connection limits that fit the run:
 *
 * <ol>
 * <li><b>Connections:</b> opens {@code --sockets} idle authenticated sockets in 100 namespaces, reports the
 *     heap after GC per socket (with them minus before them) and holds them for three heartbeat intervals,
 *     counting the pings answered and the sockets the server closed (should be none).</li>
 * <li><b>Writers' cost and broadcast latency:</b> {@code --writers} writers insert todos, each into a random
 *     one of the 100 namespaces, first with no socket open, then with 1,000 (10 per namespace), then with
 *     none again; the ratio of the insert rates is with / the mean of the two without. While the sockets are
 *     open, each commit's time is taken in {@link DataFn#onCommit} right after it, and each socket's cursor
 *     frame that first covers its serverSeq gives one latency sample: commit to frame read.</li>
 * </ol>
 *
 * The sockets are {@link LiveSockets} (plain NIO), so the client side adds little to the heap measured.
 */
final class RealtimeScenario {

    /** The scenario's name, for {@code --only}. */
    static final String NAME = "realtime";

    /** The start of the scenario's namespaces, under the write scenarios' prefix so the same cleanup empties them. */
    static final String NAMESPACE_PREFIX = WriteScenarios.NAMESPACE_PREFIX + "-live-";

    private static final int NAMESPACES = 100;
    private static final int BROADCAST_SOCKETS = 1_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN = "bench-live-token";
    private static final int CONNECTING_THREADS = 16;
    private static final int WARM_UP_SOCKETS = 500;
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final DataFn datafn;
    private final BenchOptions options;
    private final WriteScenarios bodies;

    /** Per namespace: serverSeq to {@link System#nanoTime()} right after its commit. */
    private final Map<String, ConcurrentNavigableMap<Long, Long>> commits = new ConcurrentHashMap<>();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicLong measuredCommits = new AtomicLong();
    /** Written by the selector thread only. */
    private final Histogram latencies = new Histogram(3);

    /**
     * @param datafn  the engine, shared with the other scenarios
     * @param options the options
     */
    RealtimeScenario(DataFn datafn, BenchOptions options) {
        this.datafn = datafn;
        this.options = options;
        this.bodies = new WriteScenarios("", options);
    }

    /**
     * Runs both parts and prints their results and a Markdown summary.
     *
     * @throws Exception when the server or a socket fails
     */
    void run() throws Exception {
        // Registered before the live service's own listener, so a commit's time is taken before its broadcast.
        try (AutoCloseable timing = datafn.onCommit(w -> {
            String ns = w.namespace().value();
            if (ns.startsWith(NAMESPACE_PREFIX)) {
                commits.computeIfAbsent(ns, k -> new ConcurrentSkipListMap<>()).put(w.lastServerSeq(), System.nanoTime());
                if (measuring.get()) {
                    measuredCommits.incrementAndGet();
                }
            }
        })) {
            int sockets = options.sockets();
            DataFnHttp http = DataFnHttp.builder(datafn)
                    .authenticate(request -> request.headers().first(HeaderNames.AUTHORIZATION)
                            .filter(("Bearer " + TOKEN)::equals)
                            .map(h -> new Caller("bench", null, Map.of()))
                            .orElseThrow(() -> new DataFnException(ErrorCode.UNAUTHORIZED, "a bearer token is required")))
                    .namespaceProvider(req -> Namespace.of(req.headers().first(Bench.NAMESPACE_HEADER).orElseThrow()))
                    .realtime(new RealtimeSettings(sockets + BROADCAST_SOCKETS, Math.max(sockets, BROADCAST_SOCKETS),
                            HEARTBEAT, HEARTBEAT_TIMEOUT))
                    .build();
            WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(r -> r.register("/datafn", http))
                    .addRouting(http.webSocketRouting("/datafn"))
                    .build().start();
            try {
                String connections = connections(server.port(), sockets);
                String writers = writers(server.port());
                System.out.println();
                System.out.println("Realtime (heartbeat every " + HEARTBEAT.toSeconds() + " s, timeout "
                        + HEARTBEAT_TIMEOUT.toSeconds() + " s):");
                System.out.println();
                System.out.println(connections);
                System.out.println(writers);
            } finally {
                server.stop();
            }
        }
    }

    /** Part 1: many idle sockets, their heap and their heartbeats. */
    private String connections(int port, int sockets) throws Exception {
        // A first batch, closed again, loads and compiles the upgrade path, so the baseline heap holds its classes.
        try (LiveSockets first = new LiveSockets(port, "/datafn/ws", TOKEN, idleListener())) {
            int warm = Math.min(sockets, WARM_UP_SOCKETS);
            openAll(first, warm, 0);
            awaitHellos(first, warm);
        }
        long before = heapAfterGc();
        try (LiveSockets idle = new LiveSockets(port, "/datafn/ws", TOKEN, idleListener())) {
            long start = System.nanoTime();
            openAll(idle, sockets, 0);
            awaitHellos(idle, sockets);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long with = heapAfterGc();
            System.out.printf("realtime connections: %,d sockets open and greeted in %.1f s; heap after GC %,d MB"
                    + " before, %,d MB with them%n", sockets, openSeconds, before >> 20, with >> 20);
            long pingsBefore = idle.pings();
            Duration hold = HEARTBEAT.multipliedBy(3).plusSeconds(1);
            Thread.sleep(hold);
            long pings = idle.pings() - pingsBefore;
            System.out.printf("realtime connections: held %d s: %,d pings answered (%.2f per socket), %d sockets"
                    + " closed by the server, %d error frames%n", hold.toSeconds(), pings,
                    pings / (double) sockets, idle.closedByServer(), idle.errorFrames());
            return ("| idle sockets | heap per socket | pings per socket in %d s | closed by the server |\n"
                    + "|--:|--:|--:|--:|\n| %,d | %,.1f KB | %.2f | %d |\n").formatted(hold.toSeconds(), sockets,
                    (with - before) / (double) sockets / 1024, pings / (double) sockets, idle.closedByServer());
        }
    }

    /** Part 2: the writers without sockets, with 1,000, and without again; the latency while they are open. */
    private String writers(int port) throws Exception {
        Duration window = options.duration();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI endpoint = URI.create("http://127.0.0.1:" + port + "/datafn/mutation");
            Rate warm = write(client, endpoint, options.warmUp());
            System.out.println("realtime writers: warm-up " + warm);
            Rate none = write(client, endpoint, window);
            System.out.println("realtime writers: no socket        " + none);
            Rate with;
            long delivered;
            try (LiveSockets live = new LiveSockets(port, "/datafn/ws", TOKEN, latencyListener())) {
                openAll(live, BROADCAST_SOCKETS, 0);
                awaitHellos(live, BROADCAST_SOCKETS);
                measuring.set(true);
                with = write(client, endpoint, window);
                measuring.set(false);
                Thread.sleep(SETTLE);
                System.out.println("realtime writers: 1,000 sockets    " + with + "; " + live.closedByServer()
                        + " sockets closed by the server");
            }
            synchronized (latencies) {
                delivered = latencies.getTotalCount();
            }
            Rate after = write(client, endpoint, window);
            System.out.println("realtime writers: no socket again  " + after);
            long expected = measuredCommits.get() * (BROADCAST_SOCKETS / NAMESPACES);
            double ratio = with.perSecond() / ((none.perSecond() + after.perSecond()) / 2);
            double p50;
            double p99;
            double max;
            synchronized (latencies) {
                p50 = latencies.getValueAtPercentile(50) / 1000.0;
                p99 = latencies.getValueAtPercentile(99) / 1000.0;
                max = latencies.getMaxValue() / 1000.0;
            }
            System.out.printf("realtime latency: %,d of %,d (commit, socket) deliveries seen; p50 %.2f ms, p99 %.2f ms,"
                    + " max %.1f ms; writers with sockets / without: %.3f%n", delivered, expected, p50, p99, max, ratio);
            return ("| writers | inserts/s, no socket | inserts/s, 1,000 sockets | inserts/s, no socket again | ratio"
                    + " | deliveries seen | commit → frame p50 | p99 | max |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
                    + "| %d | %,.0f | %,.0f | %,.0f | **%.3f** | %,d of %,d | %.2f ms | %.2f ms | %.1f ms |\n")
                    .formatted(options.writers(), none.perSecond(), with.perSecond(), after.perSecond(), ratio,
                            delivered, expected, p50, p99, max);
        }
    }

    /** Inserts with {@code --writers} closed-loop writers for {@code window}, each into a random namespace. */
    private Rate write(HttpClient client, URI endpoint, Duration window) throws Exception {
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
        return new Rate(inserts.get(), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * A window's inserts.
     *
     * @param inserts the inserts answered 200
     * @param errors  the others
     * @param seconds the window's length
     */
    private record Rate(long inserts, long errors, double seconds) {
        double perSecond() {
            return inserts / seconds;
        }

        @Override
        public String toString() {
            return "%,.0f inserts/s (%,d in %.1f s, %d errors)".formatted(perSecond(), inserts, seconds, errors);
        }
    }

    /** Opens {@code count} sockets, namespace by namespace in turn, with a few threads doing the upgrades. */
    private static void openAll(LiveSockets sockets, int count, int firstNamespace) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(CONNECTING_THREADS)) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < CONNECTING_THREADS; t++) {
                all.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        sockets.open(NAMESPACE_PREFIX + ((firstNamespace + i) % NAMESPACES));
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
    }

    private static void awaitHellos(LiveSockets sockets, int count) throws InterruptedException {
        // Bounded: a hello that never comes is reported below, not waited for forever.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sockets.hellos() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (sockets.hellos() < count) {
            throw new IllegalStateException("only " + sockets.hellos() + " of " + count + " sockets were greeted");
        }
    }

    private static LiveSockets.Listener idleListener() {
        return new LiveSockets.Listener() {
            @Override
            public void hello(LiveSockets.Conn conn, long serverSeq) {
            }

            @Override
            public void cursor(LiveSockets.Conn conn, long serverSeq, long receivedNanos) {
            }
        };
    }

    /** Each cursor frame gives a sample per commit it is the first of its socket's frames to cover. */
    private LiveSockets.Listener latencyListener() {
        return new LiveSockets.Listener() {
            @Override
            public void hello(LiveSockets.Conn conn, long serverSeq) {
                conn.lastSeq = serverSeq;
            }

            @Override
            public void cursor(LiveSockets.Conn conn, long serverSeq, long receivedNanos) {
                ConcurrentNavigableMap<Long, Long> times = commits.get(conn.namespace());
                if (times != null && serverSeq > conn.lastSeq) {
                    synchronized (latencies) {
                        for (long committed : times.subMap(conn.lastSeq, false, serverSeq, true).values()) {
                            latencies.recordValue(Math.max(0, (receivedNanos - committed) / 1000));
                        }
                    }
                }
                conn.lastSeq = Math.max(conn.lastSeq, serverSeq);
            }
        };
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
