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

    private final byte[] secret = new byte[32];
    private final String user = "user-" + UUID.randomUUID();
    /** A title no log line may carry: a record's contents. */
    private final String privateTitle = "private-" + UUID.randomUUID();
    private final BlockingQueue<TimingEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
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
        server = ObservedServer.start(testDatabase.open(), observe -> observe.name("request-log-" + UUID.randomUUID()),
                (datafn, observe) -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true)
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
        List<String> written = new ArrayList<>();
        for (String[] call : calls) {
            ServedEngine.Reply reply = client.send(token, call[0], call[1], call[2]);
            next();
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
