package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The answer-amplification probe, kept as a test: small batches of queries over large rows, each asking the
 * server to build tens of megabytes, sent three at a time, round after round, to the example running in its own
 * JVM with a small heap and its default limits. Every answer is a 200 or a typed 4xx/503 in the envelope (never
 * a 500, which is what running out of memory answered), the server answers a plain query afterwards, and its
 * resident memory stays flat from the first round to the last.
 */
@OnEveryDatabase
class AmplificationProbeTest {

    private static final String SECRET = "an amplification probe secret of at least 32 bytes";
    private static final JwtAuthenticator JWT = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8));
    /** The server's heap: a quarter of what the probe asks it to build at once. */
    private static final String HEAP = System.getProperty("datafn.probe.heap", "-Xmx256m");
    private static final int TODOS = 100;
    private static final int NOTE_CHARS = 200_000;
    private static final int ROUNDS = 4;
    private static final int AT_ONCE = 3;
    /** Growth of the resident memory allowed between the first round and the last: the heap is already sized. */
    private static final long FLAT_BYTES = 64L * 1024 * 1024;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void largeAnswersAskedForAtOnceAreBoundedAndTheServerStaysWell(@TempDir Path dir) throws Exception {
        ServerProcess server = ServerProcess.start(testDatabase.open(), dir, SECRET, settings());
        try {
            String token = JWT.issue("probe-" + UUID.randomUUID(), null, Duration.ofMinutes(30));
            seed(server, token);
            // 20 MB per query: past maxAnswerBytes on its own. 12 MB per query: one fits, the rest of its batch not.
            String whole = batch("{\"resource\": \"todos\", \"version\": 1, \"limit\": 100}");
            String most = batch("{\"resource\": \"todos\", \"version\": 1, \"limit\": 60}");
            long firstRound = 0;
            int answeredItems = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    answers.add(http.sendAsync(post(server, token, "/query", whole), HttpResponse.BodyHandlers.ofString()));
                    answers.add(http.sendAsync(post(server, token, "/query", most), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    answeredItems += assertBounded(answer.get(), server);
                }
                if (round == 1) {
                    firstRound = residentBytes(server);
                }
            }
            long lastRound = residentBytes(server);
            // Each 60-row batch answers at least its first query whole: the bounds refuse only what does not fit.
            assertThat(answeredItems).as("queries answered with their rows").isGreaterThanOrEqualTo(ROUNDS);
            System.out.printf("amplification probe on %s%s: resident memory %d MB after round 1, %d MB after round %d%n",
                    testDatabase, Boolean.getBoolean("datafn.probe.unbounded") ? " without answer bounds" : "",
                    firstRound >> 20, lastRound >> 20, ROUNDS);
            assertThat(lastRound - firstRound).as("resident memory growth from round 1 (%d MB) to round %d (%d MB)",
                    firstRound >> 20, ROUNDS, lastRound >> 20).isLessThan(FLAT_BYTES);
            HttpResponse<String> plain = http.send(post(server, token, "/query",
                    "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5, \"select\": [\"id\"]}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        } finally {
            server.terminate();
        }
    }

    /**
     * @return the server's settings beyond the defaults: its heap; {@code -Ddatafn.probe.unbounded=true} lifts the
     *         answer bounds, to see the probe fail as it did before them
     */
    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", HEAP));
        if (Boolean.getBoolean("datafn.probe.unbounded")) {
            settings.put("DATAFN_LIMITS_MAXANSWERBYTES", "1073741824");
            settings.put("DATAFN_ANSWERMEMORYBYTES", Long.toString(Long.MAX_VALUE));
        }
        return settings;
    }

    /** @return how many of the batch's queries were answered with their rows */
    private int assertBounded(HttpResponse<String> answer, ServerProcess server) throws IOException {
        assertThat(answer.statusCode()).as("status; the server said:\n%s", tail(server.output()))
                .isIn(200, 400, 503);
        JsonNode body = Json.MAPPER.readTree(answer.body());
        if (answer.statusCode() != 200) {
            assertThat(body.at("/error/code").textValue()).isIn("DFQL_INVALID", "SERVICE_UNAVAILABLE");
            return 0;
        }
        int answered = 0;
        for (JsonNode item : body.at("/result")) {
            if (item.path("ok").asBoolean()) {
                assertThat(item.at("/result/data").size()).isIn(60, 100);
                answered++;
            } else {
                assertThat(item.at("/error/code").textValue()).as(item.toString())
                        .isIn("DFQL_INVALID", "SERVICE_UNAVAILABLE");
                assertThat(item.at("/error/message").textValue()).containsAnyOf("maxAnswerBytes", "retry");
            }
        }
        return answered;
    }

    private static String batch(String query) {
        return "[" + String.join(", ", Collections.nCopies(10, query)) + "]";
    }

    private void seed(ServerProcess server, String token) throws Exception {
        // 20 records of 200 KB per request: under the default 5 MB request body.
        for (int from = 0; from < TODOS; from += 20) {
            ArrayNode inserts = Json.MAPPER.createArrayNode();
            for (int i = from; i < from + 20; i++) {
                inserts.addObject().put("resource", "todos").put("version", 1).put("operation", "insert")
                        .put("id", "probe-%03d".formatted(i)).putObject("record").put("title", "todo " + i)
                        .put("notes", "n".repeat(NOTE_CHARS));
            }
            HttpResponse<String> answer = http.send(post(server, token, "/mutation", inserts.toString()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            for (JsonNode item : Json.MAPPER.readTree(answer.body()).at("/result")) {
                assertThat(item.path("ok").asBoolean()).as(item.toString()).isTrue();
            }
        }
    }

    private static HttpRequest post(ServerProcess server, String token, String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** @return the server process's resident set size, from Linux's {@code /proc} */
    private static long residentBytes(ServerProcess server) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.process().pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for the server process");
    }

    private static String tail(String output) {
        return output.length() <= 4_000 ? output : output.substring(output.length() - 4_000);
    }
}
