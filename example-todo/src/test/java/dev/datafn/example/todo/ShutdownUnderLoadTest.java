package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 000's graceful shutdown, tried as an operator meets it: the example runs as its own process, writers
 * send mutations, atomic transacts and pushes with known client and mutation ids, and the process gets
 * SIGTERM while a large push or transact is in flight. Then: the process exited 0; no answer was 500; the
 * request in flight at the signal was answered normally; requests that arrived during the drain were
 * answered 503 {@code SERVICE_UNAVAILABLE} (or refused at the connection once the server stopped listening);
 * after a restart every acknowledged write is there exactly once, no atomic transact is there in part, and
 * every unacknowledged write succeeds when retried with the same ids, leaving each record once.
 */
@OnEveryDatabase
class ShutdownUnderLoadTest {

    private static final String SECRET = "a shutdown test secret of at least 32 bytes";
    private static final JwtAuthenticator JWT = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SMALL_WRITERS = 3;
    /**
     * Rounds per database, each on fresh server processes: {@code -Ddatafn.test.shutdown.rounds=3} for the
     * three-in-a-row acceptance run; one by default, since each round starts two JVMs.
     */
    private static final int ROUNDS = Integer.getInteger("datafn.test.shutdown.rounds", 1);

    @Parameter(0)
    private TestDatabase testDatabase;

    /** One write a writer sent: its body, the records it inserts (all titled {@code title}), and what came back. */
    private static final class Write {
        final String path;
        final String body;
        final String title;
        final int records;
        final boolean atomic;
        final boolean afterSignal;
        volatile int status;
        volatile String answer;
        volatile boolean acknowledged;
        volatile IOException refused;

        Write(String path, String body, String title, int records, boolean atomic, boolean afterSignal) {
            this.path = path;
            this.body = body;
            this.title = title;
            this.records = records;
            this.atomic = atomic;
            this.afterSignal = afterSignal;
        }

        @Override
        public String toString() {
            return path + " " + title + " (" + records + " records) -> "
                    + (refused != null ? refused.toString() : status + " " + answer);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigtermOnceAndNoneIsHalfApplied(@TempDir Path dir) throws Exception {
        Database database = testDatabase.open();
        for (int round = 1; round <= ROUNDS; round++) {
            oneRound(database, dir, round);
        }
    }

    private void oneRound(Database database, Path dir, int round) throws Exception {
        String token = JWT.issue("shutdown-" + UUID.randomUUID(), null, Duration.ofMinutes(10));
        String run = "r" + round + "-" + UUID.randomUUID().toString().substring(0, 8);
        ServerProcess server = ServerProcess.start(database, dir, SECRET);
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean signalled = new AtomicBoolean();
        CountDownLatch bigInFlight = new CountDownLatch(1);
        List<Write> inFlightAtSignal = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < SMALL_WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> writeUntilRefused(server, token, run + "-s" + writer, 20,
                    writes, signalled, null, null)));
        }
        writers.add(Thread.ofVirtual().start(() -> writeUntilRefused(server, token, run + "-big", 0, writes,
                signalled, bigInFlight, inFlightAtSignal)));
        bigInFlight.await();
        // Mid-run: the big writer's second request, a 500-mutation push, is being applied (a push commits
        // mutation by mutation, so its first records show) and has most of its work ahead of it.
        while (inFlightAtSignal.isEmpty() && count(server, token, run + "-big-1") == 0) {
            Thread.sleep(5);
        }
        signalled.set(true);
        int exit = server.terminate();
        for (Thread writer : writers) {
            writer.join();
        }
        String output = server.output();
        assertThat(exit).as("exit status after SIGTERM; server output:\n%s", output).isZero();

        List<Write> all = List.copyOf(writes);
        assertThat(all).as("no write was answered 500, nor anything but 200 or 503")
                .allSatisfy(w -> assertThat(w.refused != null || w.status == 200 || w.status == 503).as(w.toString())
                        .isTrue());
        assertThat(all).filteredOn(w -> w.status == 503).allSatisfy(w -> assertThat(w.answer)
                .as(w.toString()).contains("SERVICE_UNAVAILABLE"));
        assertThat(inFlightAtSignal).as("the requests in flight at the signal").isNotEmpty()
                .allSatisfy(w -> assertThat(w.acknowledged).as("answered normally: " + w).isTrue());
        assertThat(all).filteredOn(w -> w.afterSignal && w.refused == null && w.status == 503)
                .as("requests arriving during the drain are answered 503; writes: " + all.size()).isNotEmpty();
        assertThat(all).filteredOn(w -> w.refused != null && !w.afterSignal)
                .as("no connection is refused before the signal").isEmpty();

        ServerProcess restarted = ServerProcess.start(database, dir, SECRET);
        try {
            int expected = 0;
            for (Write w : all) {
                int present = count(restarted, token, w.title);
                if (w.acknowledged) {
                    assertThat(present).as("acknowledged, so present exactly once: " + w).isEqualTo(w.records);
                } else {
                    if (w.atomic) {
                        assertThat(present).as("an atomic transact is never half applied: " + w).isIn(0, w.records);
                    }
                    if (present < w.records) {
                        Write again = send(restarted, token, w.path, w.body, w.title, w.records, w.atomic, false);
                        assertThat(again.acknowledged).as("retried with the same ids: " + again).isTrue();
                    }
                    assertThat(count(restarted, token, w.title)).as("after the retry: " + w).isEqualTo(w.records);
                }
                expected += w.records;
            }
            assertThat(countAll(restarted, token)).as("no record twice, none unaccounted for").isEqualTo(expected);
        } finally {
            assertThat(restarted.terminate()).as(restarted.output()).isZero();
        }
    }

    /**
     * Sends writes one after another until the server refuses one (503, or the connection) after the signal. Small
     * writers rotate through a mutation, a transact and a push of {@code size} records; the big writer
     * alternates a 100-step transact and a 500-mutation push, and opens {@code bigInFlight} as it sends its
     * second request, which is the one in flight when the test signals.
     */
    private static void writeUntilRefused(ServerProcess server, String token, String writer, int size,
            List<Write> writes, AtomicBoolean signalled, CountDownLatch bigInFlight, List<Write> inFlightAtSignal) {
        for (int n = 0; ; n++) {
            String title = writer + "-" + n;
            boolean big = bigInFlight != null;
            int kind = big ? 1 + n % 2 : n % 3;
            int records = kind == 0 ? 1 : big ? (kind == 1 ? 100 : 500) : size;
            String path = switch (kind) {
                case 0 -> "/mutation";
                case 1 -> "/transact";
                default -> "/push";
            };
            String body = switch (kind) {
                case 0 -> mutation(title, 0).toString();
                case 1 -> transact(title, records);
                default -> push(title, records);
            };
            boolean after = signalled.get();
            if (big && n == 1) {
                bigInFlight.countDown();
            }
            Write w = send(server, token, path, body, title, records, kind == 1, after);
            if (big && n == 1) {
                inFlightAtSignal.add(w);
            }
            writes.add(w);
            if (signalled.get() && (w.refused != null || w.status == 503)) {
                // Refused: a client would retry later, which the test does after the restart.
                return;
            }
        }
    }

    private static Write send(ServerProcess server, String token, String path, String body, String title,
            int records, boolean atomic, boolean afterSignal) {
        Write w = new Write(path, body, title, records, atomic, afterSignal);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            w.status = r.statusCode();
            w.answer = r.body();
            w.acknowledged = r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).at("/result/ok").asBoolean();
        } catch (IOException e) {
            w.refused = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return w;
    }

    /** One insert with its own id, client id and mutation id, all derived from the title and index. */
    private static JsonNode mutation(String title, int i) {
        return Json.MAPPER.valueToTree(java.util.Map.of("resource", "todos", "version", 1, "operation", "insert",
                "clientId", title, "mutationId", title + "-m" + i,
                "record", java.util.Map.of("id", title + "-" + i, "title", title)));
    }

    private static String transact(String title, int records) {
        return "{\"transactionId\": \"" + title + "\", \"atomic\": true, \"steps\": ["
                + IntStream.range(0, records).mapToObj(i -> "{\"mutation\": " + mutation(title, i) + "}")
                        .collect(Collectors.joining(",")) + "]}";
    }

    private static String push(String title, int records) {
        return "{\"version\": 1, \"mutations\": [" + IntStream.range(0, records)
                .mapToObj(i -> mutation(title, i).toString()).collect(Collectors.joining(",")) + "]}";
    }

    private static int count(ServerProcess server, String token, String title) {
        return query(server, token, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"title\": \""
                + title + "\"}, \"count\": true, \"limit\": 1}");
    }

    private static int countAll(ServerProcess server, String token) {
        return query(server, token, "{\"resource\": \"todos\", \"version\": 1, \"count\": true, \"limit\": 1}");
    }

    private static int query(ServerProcess server, String token, String dfql) {
        Write w = send(server, token, "/query", dfql, "", 0, false, false);
        assertThat(w.status).as(w.toString()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(w.answer).at("/result/count").intValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
