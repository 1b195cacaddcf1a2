package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.spi.DataFnLogger;
import dev.datafn.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Graceful shutdown when a request outlasts {@code shutdownTimeoutMs}: an atomic transact of 20 inserts
 * that waits on a lock another connection holds on the sequence counters (so it has written its rows and
 * waits at its last statement, the serverSeq). Shutdown waits the timeout, cancels the statement (H2 cannot
 * cancel a lock wait, but closing the pool closes the connection under it), and then:
 * the transaction rolled back whole (none of its rows, no change record), the caller got 503
 * {@code SERVICE_UNAVAILABLE} in the envelope (it may retry with the same ids), {@code close()} returned
 * after about the timeout, the pool is closed, and the fault log holds one {@code WARN} line without a
 * stack trace. The same through the example as a process stopped by SIGTERM (PostgreSQL only: its H2 file
 * is the child's alone, so the test cannot hold a lock in it), which exits 0, and after a restart the
 * transact retried with the same ids is applied once.
 *
 * <p>The time bounds are the requirement itself (shutdown returns after about the timeout); the upper one
 * is generous, the timeout plus the 2 s of cancelling plus 15 s for a busy machine.
 */
@OnEveryDatabase
class ShutdownTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration AT_MOST = TIMEOUT.plusSeconds(2 + 15);
    private static final int STEPS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Parameter
    private TestDatabase testDatabase;

    @Test
    void aWriteOutlastingTheTimeoutRollsBackWholeAndAnswers503() throws Exception {
        Database database = testDatabase.open();
        List<String> lines = new CopyOnWriteArrayList<>();
        ServedEngine served = ServedEngine.start(database, engine -> engine.shutdownTimeout(TIMEOUT),
                datafn -> DataFnHttp.builder(datafn).logger(DataFnLogger.json(lines::add)).build());
        String title = "stalled-" + UUID.randomUUID();
        try (served; Connection holder = connect(database)) {
            // The namespace's counter exists once something was written.
            served.send(null, "POST", "/mutation", insert(title + "-first", 0).toString()).assertOk();
            long changesBefore = count(holder, "select count(*) from datafn_changes");
            holder.setAutoCommit(false);
            lockSequenceCounters(holder);
            CompletableFuture<ServedEngine.Reply> stalled = CompletableFuture.supplyAsync(
                    () -> served.send(null, "POST", "/transact", transact(title)));
            awaitBlockedOnLock(holder);

            long start = System.nanoTime();
            served.datafn().close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // PostgreSQL cancelled the statement; H2 does not cancel a statement waiting for a row lock, but
            // closing the pool closed its connection: released now, the transact must fail, not commit.
            holder.rollback();
            ServedEngine.Reply answer = stalled.get(60, TimeUnit.SECONDS);
            assertThat(took).as("close() waits the timeout, then cancels").isBetween(TIMEOUT, AT_MOST);
            answer.assertError(503, "SERVICE_UNAVAILABLE", null);
            assertThat(count(holder, "select count(*) from todos where title = '" + title + "'"))
                    .as("no row of the rolled-back transact").isZero();
            assertThat(count(holder, "select count(*) from datafn_changes")).as("no change record of it")
                    .isEqualTo(changesBefore);
            assertThat(served.datafn().vitals().pool().total()).as("the pool is closed").isZero();
            assertThat(served.datafn().vitals().databaseReachable(Duration.ofSeconds(1))).isFalse();
            List<JsonNode> faults = faultLinesOnceWritten(lines);
            assertThat(faults).as("one fault line, a warning without a trace: " + lines).singleElement()
                    .satisfies(fault -> {
                        assertThat(fault.path("level").asText()).isEqualTo("WARN");
                        assertThat(fault.path("status").asInt()).isEqualTo(503);
                        assertThat(fault.path("action").asText()).isEqualTo("transact");
                        assertThat(fault.has("stackTrace")).isFalse();
                    });
        }
    }

    /**
     * The fault lines, once the request's log lines are written: the pipeline logs after the answer has
     * gone out, so the caller can hold its 503 a moment before the lines exist. A missing fault line still
     * fails, after the wait.
     */
    private static List<JsonNode> faultLinesOnceWritten(List<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonNode> faults = faultLines(lines);
        while (faults.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            faults = faultLines(lines);
        }
        return faults;
    }

    private static List<JsonNode> faultLines(List<String> lines) {
        return lines.stream().map(ShutdownTimeoutTest::json)
                .filter(line -> line.path("event").asText().equals("fault")).toList();
    }

    @Test
    void theProcessExitsZeroAfterTheTimeoutWithTheStalledTransactRolledBack(@TempDir Path dir) throws Exception {
        assumeTrue(testDatabase == TestDatabase.POSTGRESQL,
                "the example's H2 file belongs to its process: no other connection can hold a lock in it");
        Database database = testDatabase.open();
        String secret = "a shutdown timeout test secret of 32+ bytes";
        String token = JwtAuthenticator.hs256(secret.getBytes(StandardCharsets.UTF_8))
                .issue("timeout-" + UUID.randomUUID(), null, Duration.ofMinutes(10));
        String title = "stalled-" + UUID.randomUUID();
        ServerProcess server = ServerProcess.start(database, dir, secret,
                Map.of("DATAFN_SHUTDOWNTIMEOUTMS", Long.toString(TIMEOUT.toMillis())));
        int exit;
        HttpResponse<String> answer;
        Duration took;
        try (Connection holder = connect(database)) {
            assertThat(send(server, token, "/mutation", insert(title + "-first", 0).toString()).statusCode())
                    .isEqualTo(200);
            holder.setAutoCommit(false);
            lockSequenceCounters(holder);
            CompletableFuture<HttpResponse<String>> stalled = CompletableFuture.supplyAsync(
                    () -> send(server, token, "/transact", transact(title)));
            awaitBlockedOnLock(holder);
            long start = System.nanoTime();
            exit = server.terminate();
            took = Duration.ofNanos(System.nanoTime() - start);
            answer = stalled.get(60, TimeUnit.SECONDS);
            holder.rollback();
        }
        String output = server.output();
        assertThat(exit).as("exit status after SIGTERM; output:\n%s", output).isZero();
        assertThat(took).as(output).isBetween(TIMEOUT, AT_MOST);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("SERVICE_UNAVAILABLE");
        assertThat(output).contains("shutdown timeout");

        ServerProcess restarted = ServerProcess.start(database, dir, secret, Map.of());
        try {
            assertThat(countTitled(restarted, token, title + "-first")).isEqualTo(1);
            assertThat(countTitled(restarted, token, title)).as("the stalled transact left nothing").isZero();
            assertThat(send(restarted, token, "/transact", transact(title)).statusCode())
                    .as("retried with the same ids").isEqualTo(200);
            assertThat(countTitled(restarted, token, title)).isEqualTo(STEPS);
        } finally {
            assertThat(restarted.terminate()).as(restarted.output()).isZero();
        }
    }

    /** Holds every namespace's counter row, so a write waits at its last statement, taking its serverSeq. */
    private static void lockSequenceCounters(Connection holder) throws SQLException {
        try (Statement s = holder.createStatement(); ResultSet ignored = s.executeQuery(
                "select * from datafn_sequences for update")) {
            // Locked until rollback.
        }
    }

    /** Waits until a statement of another connection waits for a lock: the transact reached its serverSeq. */
    private void awaitBlockedOnLock(Connection holder) throws Exception {
        String blocked = testDatabase == TestDatabase.POSTGRESQL
                ? "select count(*) from pg_locks where not granted"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(holder, blocked) == 0) {
            assertThat(System.nanoTime()).as("the transact never reached the locked counter").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static JsonNode insert(String title, int i) {
        return Json.MAPPER.valueToTree(Map.of("resource", "todos", "version", 1, "operation", "insert",
                "clientId", title, "mutationId", title + "-m" + i, "record", Map.of("id", title + "-" + i,
                        "title", title)));
    }

    private static String transact(String title) {
        return "{\"transactionId\": \"" + title + "\", \"atomic\": true, \"steps\": [" + IntStream.range(0, STEPS)
                .mapToObj(i -> "{\"mutation\": " + insert(title, i) + "}").collect(Collectors.joining(",")) + "]}";
    }

    private static HttpResponse<String> send(ServerProcess server, String token, String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int countTitled(ServerProcess server, String token, String title) {
        HttpResponse<String> r = send(server, token, "/query", "{\"resource\": \"todos\", \"version\": 1, "
                + "\"filters\": {\"title\": \"" + title + "\"}, \"count\": true, \"limit\": 1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).at("/result/count").intValue();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
