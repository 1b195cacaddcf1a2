package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.example.todo.FuzzRequests.Endpoint;
import dev.datafn.example.todo.FuzzRequests.FuzzRequest;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import io.helidon.webserver.WebServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Thousands of malformed and adversarial requests per endpoint, generated from a seed, against the
 * example's engine over real HTTP on every database; every answer must keep {@link EnvelopeRules}. One
 * case in four goes to a service without debug messages, whose messages must all be generic.
 *
 * <p>{@code -Ddatafn.fuzz.requests=N} sets the requests per endpoint (default {@value #DEFAULT_REQUESTS}),
 * {@code -Ddatafn.fuzz.seed=S} the seed (default {@value #DEFAULT_SEED}). A failure names the seed and
 * each failing case's endpoint and index: a case depends only on them, so it is made again exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class GeneratedRequestsFuzzTest {

    static final long DEFAULT_SEED = 20261204L;
    static final int DEFAULT_REQUESTS = 2_000;

    private static final long SEED = Long.getLong("datafn.fuzz.seed", DEFAULT_SEED);
    private static final int REQUESTS = Integer.getInteger("datafn.fuzz.requests", DEFAULT_REQUESTS);
    /** Requests in flight at once: enough to overlap the database's commits on two cores. */
    private static final int PARALLEL = 4;
    /** Failures listed per class in a report. */
    private static final int EXAMPLES = 3;

    private final Namespace ns = TestDatabases.uniqueNamespace("fuzz");

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    private DataFn datafn;
    private WebServer server;
    private JsonHttpClient debug;
    private JsonHttpClient quiet;
    private FuzzRequests requests;

    @BeforeParameterizedClassInvocation
    void start() {
        // No caller is authenticated, so none holds the admin claim the example asks of project writers:
        // projects are open to all here so that hostile writes reach their write path too.
        datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(testDatabase.open())
                .policy("projects", ResourcePolicy.of("anyone", "anyone")).build();
        DataFnHttp withDetails = DataFnHttp.builder(datafn).rest(true).namespaceProvider(req -> ns).build();
        DataFnHttp generic = DataFnHttp.builder(datafn).rest(true).namespaceProvider(req -> ns).debug(false).build();
        server = WebServer.builder().host("127.0.0.1").port(0).directHandlers(generic.transportRefusals())
                .routing(r -> r.register("/datafn", withDetails).register("/quiet", generic)).build().start();
        debug = new JsonHttpClient("http://127.0.0.1:" + server.port() + "/datafn");
        quiet = new JsonHttpClient("http://127.0.0.1:" + server.port() + "/quiet");
        requests = new FuzzRequests(seedRecords());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (datafn != null) {
            datafn.close();
            datafn = null;
        }
    }

    @Test
    void query() {
        fuzz(Endpoint.QUERY);
    }

    @Test
    void search() {
        fuzz(Endpoint.SEARCH);
    }

    @Test
    void mutation() {
        fuzz(Endpoint.MUTATION);
    }

    @Test
    void transact() {
        fuzz(Endpoint.TRANSACT);
    }

    @Test
    void pull() {
        fuzz(Endpoint.PULL);
    }

    @Test
    void push() {
        fuzz(Endpoint.PUSH);
    }

    @Test
    void cloneTables() {
        fuzz(Endpoint.CLONE);
    }

    @Test
    void reconcile() {
        fuzz(Endpoint.RECONCILE);
    }

    @Test
    void seed() {
        fuzz(Endpoint.SEED);
    }

    @Test
    void rest() {
        fuzz(Endpoint.REST);
    }

    /** Records the templates name, and the opaque values they carry: a page cursor and a clone continuation. */
    private Map<String, String> seedRecords() {
        for (String mutation : new String[] {
            """
            {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "pj_fz", "name": "Home"}}""",
            """
            {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "tg_fz", "name": "red"}}""",
            """
            {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "fz1", "title": "a%b_c",
             "notes": "100% oat_milk", "projectId": "pj_fz", "tags": ["tg_fz"], "dueDate": "2026-06-01"}}""",
            """
            {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "fz2", "title": "Buy milk",
             "notes": "n", "priority": 5, "projectId": "pj_fz"}}"""}) {
            JsonHttpClient.Reply reply = debug.post("/mutation", mutation);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        }
        JsonNode page = debug.post("/query", """
                {"resource": "todos", "version": 1, "filters": {"createdAt": {"lt": "2100-01-01T00:00:00Z"},
                 "notes": {"is_null": false}}, "sort": ["createdAt:asc"], "limit": 1}""").body();
        JsonNode clone = debug.post("/clone", "{\"version\": 1, \"tables\": [\"todos\"], \"limit\": 1}").body();
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("cursor", page.at("/result/nextCursor").textValue());
        placeholders.put("continuation", clone.at("/result/continuation").textValue());
        placeholders.put("seq", "2");
        assertThat(placeholders.values()).doesNotContainNull();
        return placeholders;
    }

    /** A case that broke a rule, with what makes it again. */
    private record Failure(Endpoint endpoint, int index, boolean quiet, FuzzRequest request,
            JsonHttpClient.Reply reply, List<String> broken) {

        String describe() {
            return endpoint + " case " + index + (quiet ? " (without debug)" : "") + ": " + request.describe()
                    + "\n      -> " + reply.status() + " " + abbreviate(reply.raw());
        }
    }

    /** The answers' statuses, and the slowest case: what a run reports besides its failures. */
    private static final class Tally {
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private int slowestCase = -1;
        private long slowestNanos;

        synchronized void add(int index, int status, long nanos) {
            statuses.merge(status, 1, Integer::sum);
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowestCase = index;
            }
        }

        @Override
        public synchronized String toString() {
            return "statuses " + statuses + ", slowest case " + slowestCase + String.format(" (%.1f s)", slowestNanos / 1e9);
        }
    }

    private void fuzz(Endpoint endpoint) {
        long started = System.nanoTime();
        Tally statuses = new Tally();
        List<Failure> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Failure>> results = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                results.add(pool.submit(() -> run(endpoint, index, statuses)));
            }
            for (Future<Failure> result : results) {
                Failure failure = result.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(endpoint + ": the fuzz run stopped (seed " + SEED + ")", e);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("FuzzTest [%s] %s: %d requests, seed %d, %s, %d broke a rule, %.1f s%n",
                testDatabase, endpoint, REQUESTS, SEED, statuses, failures.size(),
                (System.nanoTime() - started) / 1e9);
        if (!failures.isEmpty()) {
            fail(report(endpoint, failures));
        }
    }

    private Failure run(Endpoint endpoint, int index, Tally statuses) {
        FuzzRequest request = requests.generate(endpoint, caseSeed(endpoint, index),
                endpoint.name().charAt(0) + Integer.toString(index));
        boolean withoutDebug = index % 4 == 3;
        JsonHttpClient client = withoutDebug ? quiet : debug;
        JsonHttpClient.Reply reply;
        long sent = System.nanoTime();
        try {
            reply = client.send(request.method(), request.path(), request.body());
        } catch (IllegalStateException e) {
            reply = new JsonHttpClient.Reply(0, "no answer: " + e.getCause(), null);
        }
        statuses.add(index, reply.status(), System.nanoTime() - sent);
        List<String> broken = EnvelopeRules.broken(reply, withoutDebug);
        return broken.isEmpty() ? null : new Failure(endpoint, index, withoutDebug, request, reply, broken);
    }

    /** A case's seed: from the run's seed, the endpoint and the case's index only. */
    static long caseSeed(Endpoint endpoint, int index) {
        return new SplittableRandom(SEED ^ ((long) endpoint.ordinal() << 40) ^ index).nextLong();
    }

    private String report(Endpoint endpoint, List<Failure> failures) {
        Map<String, List<Failure>> byClass = new TreeMap<>();
        for (Failure f : failures) {
            for (String rule : f.broken()) {
                byClass.computeIfAbsent(rule.replaceAll("[0-9]+", "#"), k -> new ArrayList<>()).add(f);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(failures.size()).append(" of ").append(REQUESTS).append(' ').append(endpoint)
                .append(" answers on ").append(testDatabase).append(" broke a rule; make them again with -Ddatafn.fuzz.seed=")
                .append(SEED).append(" -Ddatafn.fuzz.requests=").append(REQUESTS).append('\n');
        byClass.forEach((rule, cases) -> {
            out.append("  ").append(cases.size()).append(" x ").append(rule).append('\n');
            cases.stream().limit(EXAMPLES).forEach(f -> out.append("    ").append(f.describe()).append('\n'));
        });
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
