package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Helidon observe over a served engine, read over real HTTP as a load balancer and Prometheus read it:
 * liveness and readiness (the database, Redis, the stopping flag) and the metrics of requests, pool,
 * tables and sequence store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class ObserveTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    private final Namespace ns = TestDatabases.uniqueNamespace("observe");
    private final AtomicBoolean stopping = new AtomicBoolean();
    /**
     * One permit per request the metrics have counted: listeners run in order after the answer is sent,
     * so a request is in the metrics once the listener after them has heard it.
     */
    private final Semaphore heard = new Semaphore(0);
    /** The engine tag of this suite's meters: the registry is the process's, shared with other suites. */
    private final String engine = "observe-test-" + java.util.UUID.randomUUID();
    private ObservedServer server;
    private ServedEngine client;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        server = ObservedServer.start(testDatabase.open(),
                observe -> observe.name(engine).stoppingWhen(stopping::get).tableSizePeriod(Duration.ZERO),
                (datafn, observe) -> DataFnHttp.builder(datafn).namespaceProvider(req -> ns).onTiming(observe)
                        .onTiming(event -> heard.release()).build());
        client = server.datafnClient();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void livenessAndReadinessAreUpWhileTheDatabaseAnswers() {
        ServedEngine.Reply all = server.health("/observe/health");
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        assertThat(all.body().path("status").asText()).as(all.raw()).isEqualTo("UP");
        ServedEngine.Reply live = server.health("/observe/health/live");
        assertThat(live.status()).as(live.raw()).isEqualTo(200);
        ServedEngine.Reply ready = server.health("/observe/health/ready");
        assertThat(ready.status()).as(ready.raw()).isEqualTo(200);
        assertThat(ready.body().toString()).as(ready.raw()).contains("\"database\":\"UP\"");
    }

    @Test
    void readinessIsDownWhileTheServerIsStoppingAndLivenessStaysUp() {
        stopping.set(true);
        try {
            ServedEngine.Reply ready = server.health("/observe/health/ready");
            assertThat(ready.status()).as(ready.raw()).isEqualTo(503);
            assertThat(ready.body().path("status").asText()).as(ready.raw()).isEqualTo("DOWN");
            assertThat(ready.body().toString()).as(ready.raw()).contains("\"stopping\":true");
            assertThat(server.health("/observe/health/live").status()).isEqualTo(200);
        } finally {
            stopping.set(false);
        }
        assertThat(server.health("/observe/health/ready").status()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhenTheDatabaseIsUnreachable() {
        // A second engine whose pool is stopped under its still-running web server.
        try (ObservedServer stopped = ObservedServer.start(testDatabase.open(), observe -> observe,
                (datafn, observe) -> DataFnHttp.builder(datafn).build())) {
            assertThat(stopped.health("/observe/health/ready").status()).isEqualTo(200);
            stopped.datafn().close();
            ServedEngine.Reply ready = stopped.health("/observe/health/ready");
            assertThat(ready.status()).as(ready.raw()).isEqualTo(503);
            assertThat(ready.body().toString()).as(ready.raw()).contains("\"database\":\"DOWN\"");
            assertThat(ready.body().toString()).as("a closed engine is a stopping one").contains("\"stopping\":true");
            assertThat(stopped.health("/observe/health/live").status()).isEqualTo(200);
        }
    }

    @Test
    void readinessChecksRedisWhenConfigured() {
        try (ObservedServer unreachable = ObservedServer.start(testDatabase.open(),
                observe -> observe.redis("redis://127.0.0.1:1"), (datafn, observe) -> DataFnHttp.builder(datafn)
                        .build())) {
            ServedEngine.Reply ready = unreachable.health("/observe/health/ready");
            assertThat(ready.status()).as(ready.raw()).isEqualTo(503);
            assertThat(ready.body().toString()).as(ready.raw()).contains("\"redis\":\"DOWN\"")
                    .contains("\"database\":\"UP\"");
        }
        Assumptions.assumeTrue(TestRedis.configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        try (ObservedServer reachable = ObservedServer.start(testDatabase.open(),
                observe -> observe.redis(System.getProperty("datafn.test.redis.url")),
                (datafn, observe) -> DataFnHttp.builder(datafn).build())) {
            ServedEngine.Reply ready = reachable.health("/observe/health/ready");
            assertThat(ready.status()).as(ready.raw()).isEqualTo(200);
            assertThat(ready.body().toString()).as(ready.raw()).contains("\"redis\":\"UP\"");
        }
    }

    @Test
    void metricsCountRequestsByActionAndStatus() {
        heard.drainPermits();
        String before = prometheus();
        for (int i = 0; i < 3; i++) {
            client.send(null, "POST", "/query", TODO + "\"limit\": 1}").assertOk();
        }
        client.send(null, "POST", "/query", TODO + "\"limit\": -1}");
        client.send(null, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"clientId\": \"c\", "
                + "\"mutationId\": \"metrics-1\", \"record\": {\"title\": \"counted\"}}").assertOk();
        heard.acquireUninterruptibly(5);
        String after = prometheus();
        assertThat(requests(after, "query", "200") - requests(before, "query", "200")).as(after).isEqualTo(3);
        assertThat(requests(after, "query", "400") - requests(before, "query", "400")).as(after).isEqualTo(1);
        assertThat(requests(after, "mutation", "200") - requests(before, "mutation", "200")).as(after).isEqualTo(1);
        assertThat(value(after, "datafn_request_duration_seconds_count", "action=\"query\"", "status=\"200\""))
                .as(after).isGreaterThanOrEqualTo(3);
    }

    @Test
    void gaugesShowThePoolTheTablesAndTheSequenceStore() {
        for (int i = 0; i < 3; i++) {
            client.send(null, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"clientId\": \"c\", "
                    + "\"mutationId\": \"gauge-" + i + "\", \"record\": {\"title\": \"g\"}}").assertOk();
        }
        String text = prometheus();
        assertThat(value(text, "datafn_pool_max")).as(text).isEqualTo(server.datafn().vitals().pool().max());
        assertThat(value(text, "datafn_pool_total")).as(text).isBetween(1.0, value(text, "datafn_pool_max"));
        assertThat(value(text, "datafn_pool_active")).as(text).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "datafn_sequence_issued")).as(text).isGreaterThanOrEqualTo(3);
        // Every write has committed: nothing reserved is still in flight.
        assertThat(value(text, "datafn_sequence_lag")).as(text).isZero();
        if (testDatabase == TestDatabase.H2) {
            // Exact counts on H2; PostgreSQL's are the planner's estimate, checked only to be present.
            assertThat(value(text, "datafn_changelog_rows")).as(text).isGreaterThanOrEqualTo(3);
            assertThat(value(text, "datafn_idempotency_rows")).as(text).isGreaterThanOrEqualTo(3);
        } else {
            assertThat(value(text, "datafn_changelog_rows")).as(text).isGreaterThanOrEqualTo(0);
            assertThat(value(text, "datafn_idempotency_rows")).as(text).isGreaterThanOrEqualTo(0);
        }
    }

    private String prometheus() {
        var r = server.get("/observe/metrics", "text/plain");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private double requests(String text, String action, String status) {
        return value(text, "datafn_requests_total", "action=\"" + action + "\"", "status=\"" + status + "\"");
    }

    /** The value of the one sample of a metric whose labels include every one given; 0 when it has none yet. */
    private double value(String text, String metric, String... labels) {
        String[] withEngine = java.util.Arrays.copyOf(labels, labels.length + 1);
        withEngine[labels.length] = "engine=\"" + engine + "\"";
        return sample(text, metric, withEngine);
    }

    private static double sample(String text, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + metric + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        double found = 0;
        int matches = 0;
        while (m.find()) {
            String tags = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= tags.contains(label);
            }
            if (all) {
                found = Double.parseDouble(m.group(2));
                matches++;
            }
        }
        assertThat(matches).as(metric + " " + String.join(",", labels) + " in\n" + text).isLessThanOrEqualTo(1);
        if (matches == 0 && labels.length == 1) {
            throw new AssertionError("no " + metric + " in\n" + text);
        }
        return found;
    }
}
