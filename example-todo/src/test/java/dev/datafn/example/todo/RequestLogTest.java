package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.http.TimingEvent;
import dev.datafn.json.Json;
import dev.datafn.spi.DataFnLogger;
import dev.datafn.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 000's {@code observability.onTiming} and {@code logger} over real HTTP with JWT callers: one timing
 * event and one access line per request, with the phases where the time went, and nothing in the logs of
 * a token, the signing secret, the caller's namespace or any record's contents, on every endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class RequestLogTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";
    /** The header that makes the test server's authorizer fail, a server fault. */
    private static final io.helidon.http.HeaderName FAULT = io.helidon.http.HeaderNames.create("X-Test-Fault");
    private static final Set<String> WRITE_PHASES = Set.of("validate", "write", "sequence", "commit");

    private final byte[] secret = new byte[32];
    private final String user = "user-" + UUID.randomUUID();
    /** A title no log line may carry: a record's contents. */
    private final String privateTitle = "private-" + UUID.randomUUID();
    private final BlockingQueue<TimingEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final FailingStatements failing = new FailingStatements();
    private JwtAuthenticator jwt;
    /** The access line of the request {@link #next()} took last. */
    private String lastLine;
    private String token;
    private ObservedServer server;
    private ServedEngine client;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        new SecureRandom().nextBytes(secret);
        jwt = JwtAuthenticator.hs256(secret);
        token = jwt.issue(user, null, Duration.ofMinutes(10));
        server = ObservedServer.start(testDatabase.open(),
                engine -> engine.hibernateProperty("hibernate.session_factory.statement_inspector", failing),
                observe -> observe.name("request-log-" + UUID.randomUUID()),
                (datafn, observe) -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true)
                        // A server fault on demand: an authorizer that fails when the request asks it to.
                        .authorize((req, action, payload) -> {
                            if (req.headers().contains(FAULT)) {
                                throw new IllegalStateException("the authorizer broke");
                            }
                            return true;
                        })
                        .onTiming(events::add)
                        .logger(DataFnLogger.json(lines::add))
                        .build());
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
    void aQueryIsTimedInItsReadPhases() {
        assertNothingUnheard();
        client.send(token, "POST", "/query", TODO + "\"limit\": 5}").assertOk();
        TimingEvent event = next();
        assertThat(event.action()).isEqualTo("query");
        assertThat(event.resource()).isEqualTo("todos");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.phases()).containsKeys("authorize", "parse", "plan", "execute", "serialize")
                .doesNotContainKeys("validate", "write", "sequence", "commit");
        assertPlausible(event);
    }

    @Test
    void aMutationIsTimedInItsWritePhases() {
        assertNothingUnheard();
        client.send(token, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"clientId\": \"c\", "
                + "\"mutationId\": \"" + UUID.randomUUID() + "\", \"record\": {\"title\": \"timed\"}}").assertOk();
        TimingEvent event = next();
        assertThat(event.action()).isEqualTo("mutation");
        assertThat(event.resource()).isEqualTo("todos");
        assertThat(event.phases()).containsKeys("authorize", "parse", "validate", "write", "sequence", "commit",
                "serialize").doesNotContainKey("execute");
        assertPlausible(event);
    }

    @Test
    void aRefusedRequestIsTimedAsFarAsItWent() {
        assertNothingUnheard();
        client.send(token, "POST", "/query", TODO + "\"limit\": -1}");
        TimingEvent event = next();
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.phases()).containsKeys("authorize", "parse").doesNotContainKey("serialize");
        assertPlausible(event);
        client.send("not-a-token", "POST", "/query", TODO + "\"limit\": 1}");
        TimingEvent refused = next();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.namespaceHash()).as("no namespace is known before authentication").isNull();
    }

    @Test
    void everyEndpointWritesOneAccessLineWithoutSecretsOrContents() throws Exception {
        assertNothingUnheard();
        String mid = UUID.randomUUID().toString();
        List<String[]> calls = List.of(
                new String[] {"GET", "/status", null},
                new String[] {"POST", "/mutation", TODO + "\"operation\": \"insert\", \"clientId\": \"c\", "
                        + "\"mutationId\": \"" + mid + "-1\", \"record\": {\"id\": \"" + mid + "\", \"title\": \""
                        + privateTitle + "\"}}"},
                new String[] {"POST", "/query", TODO + "\"filters\": {\"title\": {\"eq\": \"" + privateTitle
                        + "\"}}}"},
                new String[] {"POST", "/transact", "{\"steps\": [{\"query\": " + TODO + "\"limit\": 1}}]}"},
                new String[] {"POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}"},
                new String[] {"POST", "/push", "{\"mutations\": [" + TODO + "\"operation\": \"merge\", "
                        + "\"clientId\": \"c\", \"mutationId\": \"" + mid + "-2\", \"id\": \"" + mid + "\", "
                        + "\"record\": {\"title\": \"" + privateTitle + "-2\"}}]}"},
                new String[] {"POST", "/clone", "{\"tables\": [\"todos\"]}"},
                new String[] {"POST", "/reconcile", "{\"counts\": {\"todos\": 0}}"},
                new String[] {"POST", "/seed", "{\"data\": {\"tags\": [{\"id\": \"" + mid + "\", \"name\": \""
                        + privateTitle + "\"}]}}"},
                new String[] {"GET", "/resources/todos?limit=5", null},
                new String[] {"PATCH", "/resources/todos/" + mid, "{\"clientId\": \"c\", \"mutationId\": \""
                        + mid + "-3\", \"record\": {\"title\": \"" + privateTitle + "-3\"}}"},
                new String[] {"DELETE", "/resources/todos/" + mid + "?clientId=c&mutationId=" + mid + "-4", null},
                new String[] {"POST", "/query", "{\"resource\": \"" + privateTitle + "\", \"version\": 1}"});
        // The phases each answered call must show, as the README's table says: the read ones or the write ones.
        Set<String> read = Set.of("authorize", "parse", "execute", "serialize");
        Set<String> write = Set.of("authorize", "parse", "validate", "write", "sequence", "commit", "serialize");
        Map<String, Set<String>> phasesOf = Map.of("/mutation", write, "/push", write, "/seed", write,
                "/resources/todos/" + mid, write, "/pull", read, "/clone", read, "/reconcile", read,
                "/resources/todos?limit=5", Set.of("authorize", "parse", "plan", "execute", "serialize"));
        List<String> written = new ArrayList<>();
        for (String[] call : calls) {
            ServedEngine.Reply reply = client.send(token, call[0], call[1], call[2]);
            TimingEvent event = next();
            String path = call[1].startsWith("/resources/todos/") ? "/resources/todos/" + mid : call[1];
            if (phasesOf.containsKey(path)) {
                assertThat(event.phases()).as(call[0] + " " + call[1]).containsKeys(
                        phasesOf.get(path).toArray(String[]::new));
                assertThat(event.phases().keySet()).as(call[0] + " " + call[1]).doesNotContainAnyElementsOf(
                        phasesOf.get(path) == write ? Set.of("execute") : WRITE_PHASES);
                assertPlausible(event);
            }
            String line = lastLine;
            JsonNode json = Json.MAPPER.readTree(line);
            assertThat(json.path("event").asText()).isEqualTo("access");
            assertThat(json.path("status").asInt()).as(line).isEqualTo(reply.status());
            assertThat(json.path("durationMs").isNumber()).as(line).isTrue();
            assertThat(json.path("namespace").asText()).as(line).matches("[0-9a-f]{12}");
            assertThat(json.has("action")).as(line).isTrue();
            written.add(line);
        }
        assertThat(lines).as("one line per request").isEmpty();
        String all = String.join("\n", written);
        assertThat(all).doesNotContain(token).doesNotContain(token.split("\\.")[2])
                .doesNotContain(HexFormat.of().formatHex(secret))
                .doesNotContain(Base64.getEncoder().encodeToString(secret))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .doesNotContain(user).doesNotContain(privateTitle);
        assertThat(written.get(2)).contains("\"action\":\"query\"").contains("\"resource\":\"todos\"")
                .contains("\"rows\":");
    }

    @Test
    void aQueryBatchIsTimedInItsReadPhasesLikeOneQuery() {
        assertNothingUnheard();
        client.send(token, "POST", "/query", "[" + TODO + "\"limit\": 2}, " + TODO + "\"limit\": 3}, "
                + TODO + "\"limit\": -1}]").assertOk();
        TimingEvent event = next();
        assertThat(event.action()).isEqualTo("query");
        assertThat(event.phases()).as("planning is not counted as execute").containsKeys("authorize", "parse",
                "plan", "execute", "serialize").doesNotContainKeys(WRITE_PHASES.toArray(String[]::new));
        assertPlausible(event);
    }

    @Test
    void everyWriteIsTimedInItsWritePhases() {
        assertNothingUnheard();
        String mid = UUID.randomUUID().toString();
        client.send(token, "POST", "/transact", "{\"steps\": [{\"mutation\": " + TODO + "\"operation\": "
                + "\"insert\", \"clientId\": \"c\", \"mutationId\": \"" + mid + "-t\", \"record\": "
                + "{\"title\": \"timed\"}}}, {\"query\": " + TODO + "\"limit\": 1}}]}").assertOk();
        TimingEvent transact = next();
        assertThat(transact.action()).isEqualTo("transact");
        assertThat(transact.phases()).as("a transact reads and writes in one transaction")
                .containsKeys("authorize", "parse", "plan", "validate", "write", "sequence", "commit", "serialize");
        assertPlausible(transact);
        client.send(token, "POST", "/push", "{\"mutations\": [" + TODO + "\"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"" + mid + "-p\", \"record\": {\"title\": \"pushed\"}}]}")
                .assertOk();
        TimingEvent push = next();
        assertThat(push.action()).isEqualTo("push");
        assertThat(push.phases()).containsKeys("authorize", "parse", "validate", "write", "sequence", "commit",
                "serialize").doesNotContainKeys("plan", "execute");
        assertPlausible(push);
    }

    @Test
    void syncReadsAreTimedInTheirReadPhases() {
        assertNothingUnheard();
        String[] tables = {"todos", "projects", "tags"};
        client.send(token, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"clientId\": \"c\", "
                + "\"mutationId\": \"" + UUID.randomUUID() + "\", \"record\": {\"title\": \"cloned\"}}").assertOk();
        next();
        client.send(token, "POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}").assertOk();
        TimingEvent pull = next();
        assertThat(pull.phases()).containsKeys("authorize", "parse", "execute", "serialize")
                .doesNotContainKeys(WRITE_PHASES.toArray(String[]::new));
        assertPlausible(pull);
        client.send(token, "POST", "/clone", "{\"tables\": [\"todos\", \"projects\", \"tags\"], \"limit\": 10}")
                .assertOk();
        TimingEvent paged = next();
        assertThat(paged.phases()).as("a paged clone").containsKeys("authorize", "parse", "execute", "serialize")
                .doesNotContainKeys(WRITE_PHASES.toArray(String[]::new));
        assertPlausible(paged);
        client.send(token, "POST", "/clone", "{\"tables\": " + Json.MAPPER.valueToTree(tables) + "}").assertOk();
        TimingEvent streamed = next();
        assertThat(streamed.action()).isEqualTo("clone");
        assertThat(streamed.phases()).as("a streamed clone's reads are execute, its writing serialize")
                .containsKeys("authorize", "parse", "execute", "serialize")
                .doesNotContainKeys(WRITE_PHASES.toArray(String[]::new));
        assertPlausible(streamed);
    }

    @Test
    void aServerFaultIsLoggedThroughTheLoggerWithItsRequestIdAndARateLimitedTrace() throws Exception {
        assertNothingUnheard();
        ServedEngine.Reply reply = fault();
        assertThat(reply.status()).isEqualTo(500);
        TimingEvent event = next();
        assertThat(event.status()).isEqualTo(500);
        JsonNode access = Json.MAPPER.readTree(lastLine);
        assertThat(access.path("level").asText()).isEqualTo("ERROR");
        assertThat(access.path("error").asText()).isEqualTo("INTERNAL");
        assertThat(access.path("requestId").asText()).as(lastLine).matches("[0-9a-f]{16}");
        JsonNode fault = Json.MAPPER.readTree(lines.poll(60, TimeUnit.SECONDS));
        assertThat(fault.path("event").asText()).as(fault.toString()).isEqualTo("fault");
        assertThat(fault.path("level").asText()).isEqualTo("ERROR");
        assertThat(fault.path("requestId").asText()).as("the access line and the fault name the same request")
                .isEqualTo(access.path("requestId").asText());
        assertThat(fault.path("action").asText()).isEqualTo("query");
        assertThat(fault.path("resource").asText()).isEqualTo("todos");
        assertThat(fault.path("status").asInt()).isEqualTo(500);
        assertThat(fault.path("error").asText()).isEqualTo("INTERNAL");
        assertThat(fault.path("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(fault.path("stackTrace").asText()).contains(IllegalStateException.class.getName())
                .contains("\tat dev.datafn.example.todo.RequestLogTest");
        assertThat(fault.toString()).doesNotContain(token).doesNotContain(user);

        // Repeated faults: only this test sends them, so this was the server's first; 11 more within a
        // minute make 12, and the last two are over the budget of 10 traces a minute.
        List<JsonNode> faults = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            assertThat(fault().status()).isEqualTo(500);
            next();
            faults.add(Json.MAPPER.readTree(lines.poll(60, TimeUnit.SECONDS)));
        }
        assertThat(faults).allSatisfy(f -> assertThat(f.path("event").asText()).isEqualTo("fault"));
        List<Boolean> traced = faults.stream().map(f -> f.path("stackTrace").asText()
                .startsWith(IllegalStateException.class.getName())).toList();
        assertThat(traced.indexOf(false)).as("the traces written come first: " + traced).isPositive();
        assertThat(traced.subList(traced.indexOf(false), traced.size())).as(traced.toString()).doesNotContain(true);
        assertThat(faults.subList(9, 11)).allSatisfy(f -> assertThat(f.path("stackTrace").asText())
                .as("over the budget: the line, not the trace").startsWith("left out"));
        assertNothingUnheard();
    }

    @Test
    void anAbortedUploadIsOneAccessLineWithoutATrace() throws Exception {
        assertNothingUnheard();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server().port())) {
            socket.getOutputStream().write(("POST /datafn/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n" + TODO).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
        TimingEvent event = next();
        assertThat(event.status()).as("logged as nginx's client closed request").isEqualTo(499);
        JsonNode access = Json.MAPPER.readTree(lastLine);
        assertThat(access.path("level").asText()).isEqualTo("WARN");
        assertThat(access.path("error").asText()).isEqualTo("CLIENT_CLOSED_REQUEST");
        assertThat(lastLine).doesNotContain("stackTrace").doesNotContain(token);
        assertThat(lines.poll(1, TimeUnit.SECONDS)).as("a client fault is one line").isNull();
        assertNothingUnheard();
    }

    @Test
    void aBatchItemFailingOnTheServerIsLoggedAsAFaultOfItsRequest() throws Exception {
        assertNothingUnheard();
        failing.failOn = "todos";
        ServedEngine.Reply reply;
        try {
            reply = client.send(token, "POST", "/query", "[" + TODO + "\"limit\": 1}, {\"resource\": \"tags\", "
                    + "\"version\": 1, \"limit\": 1}]").assertOk();
        } finally {
            failing.failOn = null;
        }
        assertThat(reply.result().get(0).at("/error/code").asText()).as(reply.raw()).isEqualTo("INTERNAL");
        assertThat(reply.result().get(1).path("ok").asBoolean()).as(reply.raw()).isTrue();
        assertThat(next().status()).isEqualTo(200);
        JsonNode access = Json.MAPPER.readTree(lastLine);
        JsonNode fault = Json.MAPPER.readTree(lines.poll(60, TimeUnit.SECONDS));
        assertThat(fault.path("event").asText()).as(fault.toString()).isEqualTo("fault");
        assertThat(fault.path("item").asBoolean()).isTrue();
        assertThat(fault.path("error").asText()).isEqualTo("INTERNAL");
        assertThat(fault.path("status").asInt()).isEqualTo(200);
        assertThat(fault.path("requestId").asText()).isEqualTo(access.path("requestId").asText());
        assertThat(fault.path("stackTrace").asText()).as("a trace, or left out when over the budget").isNotEmpty();
        assertNothingUnheard();
    }

    /** Fails every statement that reads a table, while armed: a server fault inside one batch item. */
    static final class FailingStatements implements org.hibernate.resource.jdbc.spi.StatementInspector {

        private static final long serialVersionUID = 1L;

        /** The table whose statements fail, or {@code null} while disarmed. */
        volatile String failOn;

        @Override
        public String inspect(String sql) {
            String table = failOn;
            if (table != null && sql.contains(" " + table + " ")) {
                throw new IllegalStateException("a statement on " + table + " failed");
            }
            return sql;
        }
    }

    /** @return the answer to a query the test server's authorizer fails on */
    private ServedEngine.Reply fault() {
        return ServedEngine.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.url("/query")))
                .header("Authorization", "Bearer " + token).header(FAULT.defaultCase(), "1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TODO + "\"limit\": 1}")), "faulty query");
    }

    @Test
    void theReadableFormatIsOneLineOfNamesAndValues() {
        List<String> readable = new ArrayList<>();
        DataFnLogger.readable(readable::add).log(new DataFnLogger.Entry(java.time.Instant.parse(
                "2026-01-02T03:04:05.678Z"), "INFO", "access", Map.of("action", "query")));
        assertThat(readable).containsExactly("03:04:05.678 INFO  access action=query");
    }

    /** Every phase is non-negative and together they fit in the request's duration. */
    private static void assertPlausible(TimingEvent event) {
        assertThat(event.totalMicros()).as(event.toString()).isPositive();
        assertThat(event.phases().values()).as(event.toString()).allMatch(micros -> micros >= 0);
        assertThat(event.phases().values().stream().mapToLong(Long::longValue).sum()).as(event.toString())
                .isLessThanOrEqualTo(event.totalMicros());
        assertThat(event.namespaceHash()).as(event.toString()).matches("[0-9a-f]{12}");
    }

    /**
     * Takes the next request's event and access line (kept in {@link #lastLine}): both are written after
     * the answer is sent, so they may arrive just after it.
     *
     * @return the event
     */
    private TimingEvent next() {
        try {
            TimingEvent event = events.poll(60, TimeUnit.SECONDS);
            assertThat(event).as("a timing event").isNotNull();
            lastLine = lines.poll(60, TimeUnit.SECONDS);
            assertThat(lastLine).as("the access line of " + event).isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checks earlier tests took the event and line of every request they made. */
    private void assertNothingUnheard() {
        assertThat(events).isEmpty();
        assertThat(lines).isEmpty();
    }
}
