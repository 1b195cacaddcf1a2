package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.ChangeLogReader.StoredChange;
import dev.datafn.testing.LockWaits;
import dev.datafn.testing.PrivatePostgres;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's server, a child JVM on a private PostgreSQL, is killed with SIGKILL while clients push batches
 * (inserts of new records and updates of the last batch's), three rounds in a row; after each restart the clients
 * push again every batch that was not acknowledged, unchanged. Then every mutation is in the change log exactly
 * once (acknowledged ones not lost, retried ones deduplicated), the serverSeqs have no gap, a push of acknowledged
 * batches again answers every result {@code deduped}, and a pull walk from cursor 0 holds every record, as after
 * its last change.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KillDuringPushTest {

    private static final String SECRET = "a kill -9 test secret of at least 32 bytes";
    private static final int CLIENTS = 3;
    private static final int ROUNDS = 3;
    private static final int INSERTS = 20;
    private static final int UPDATES = 5;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String subject = "kill-" + UUID.randomUUID();
    private final String token = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
            .issue(subject, null, Duration.ofMinutes(30));

    /** One push: its body, the mutation ids in it, and the final title of each record it writes. */
    private record Batch(String body, List<String> mutationIds, Map<String, String> titles) {
    }

    /** What one client has pushed: the batches acknowledged, and the one left without an answer, if any. */
    private static final class Client {
        final String id;
        final List<Batch> acknowledged = Collections.synchronizedList(new ArrayList<>());
        volatile Batch unanswered;
        int next;

        Client(String id) {
            this.id = id;
        }
    }

    @Test
    void everyAcknowledgedMutationSurvivesKillOnceAndThePullWalkHasNoGap(@TempDir Path dir) throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            Database database = pg.database();
            List<Client> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(new Client("client-" + c));
            }
            int unansweredInAll = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                ServerProcess server = ServerProcess.start(database, dir, SECRET);
                retryUnanswered(server, clients);
                AtomicBoolean killed = new AtomicBoolean();
                int[] ackedBefore = clients.stream().mapToInt(c -> c.acknowledged.size()).toArray();
                List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
                List<Thread> pushers = clients.stream().map(c -> Thread.ofVirtual().start(() -> {
                    try {
                        pushUntilKilled(server, c, killed);
                    } catch (Throwable failed) {
                        failures.add(failed);
                    }
                })).toList();
                LockWaits.awaitUntil("every client has a batch acknowledged in this round", () -> {
                    for (int c = 0; c < CLIENTS; c++) {
                        if (clients.get(c).acknowledged.size() <= ackedBefore[c]) {
                            return false;
                        }
                    }
                    return true;
                });
                // Mid-batch: the clients push back to back, so some push is being applied when the signal lands.
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 60));
                killed.set(true);
                server.process().destroyForcibly().waitFor();
                for (Thread pusher : pushers) {
                    pusher.join();
                }
                assertThat(failures).as("what the clients met in round " + round).isEmpty();
                unansweredInAll += (int) clients.stream().filter(c -> c.unanswered != null).count();
            }
            assertThat(unansweredInAll).as("pushes cut by the kills").isPositive();

            ServerProcess server = ServerProcess.start(database, dir, SECRET);
            try {
                retryUnanswered(server, clients);
                checkStoredOnce(database, clients);
                checkRetriesDedupe(server, clients);
                checkPullWalk(server, clients);
            } finally {
                assertThat(server.terminate()).as(server.output()).isZero();
            }
        }
    }

    /** Pushes every batch left without an answer again, unchanged: it must be applied once, or deduplicated. */
    private void retryUnanswered(ServerProcess server, List<Client> clients) throws Exception {
        for (Client c : clients) {
            if (c.unanswered != null) {
                JsonNode answer = push(server, c.unanswered);
                assertThat(answer).as("the retry of %s's unanswered batch", c.id).isNotNull();
                assertThat(answer.at("/result/ok").asBoolean()).as(answer.toString()).isTrue();
                c.acknowledged.add(c.unanswered);
                c.unanswered = null;
            }
        }
    }

    private void pushUntilKilled(ServerProcess server, Client c, AtomicBoolean killed) {
        while (true) {
            Batch b = batch(c.id, c.next);
            JsonNode answer;
            try {
                answer = push(server, b);
            } catch (IOException cut) {
                assertThat(killed.get()).as("a push failed before the kill: " + cut).isTrue();
                c.unanswered = b;
                c.next++;
                return;
            }
            assertThat(answer.at("/result/ok").asBoolean()).as(answer.toString()).isTrue();
            c.acknowledged.add(b);
            c.next++;
            if (killed.get()) {
                return;
            }
        }
    }

    /** Batch n of a client: inserts of its own new records, and updates of some of batch n - 1's. */
    private static Batch batch(String client, int n) {
        List<String> mutations = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        for (int i = 0; i < INSERTS; i++) {
            String id = client + "-" + n + "-" + i;
            String mutationId = id + "-insert";
            mutations.add(OutageClient.insert(client, mutationId, id).replace("\"id\":\"" + mutationId + "\"",
                    "\"id\":\"" + id + "\""));
            ids.add(mutationId);
            titles.put(id, id);
        }
        for (int i = 0; n > 0 && i < UPDATES; i++) {
            String id = client + "-" + (n - 1) + "-" + i;
            String mutationId = id + "-update";
            String title = id + " updated by batch " + n;
            mutations.add(Json.MAPPER.valueToTree(Map.of("resource", "todos", "version", 1, "operation", "merge",
                    "clientId", client, "mutationId", mutationId, "id", id, "record", Map.of("title", title)))
                    .toString());
            ids.add(mutationId);
            titles.put(id, title);
        }
        return new Batch("{\"version\": 1, \"mutations\": [" + String.join(",", mutations) + "]}", ids, titles);
    }

    private JsonNode push(ServerProcess server, Batch b) throws IOException {
        return post(server, "/push", b.body());
    }

    private JsonNode post(ServerProcess server, String path, String body) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
            return Json.MAPPER.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Every mutation sent is in the change log exactly once, and the serverSeqs run from 1 without a gap. */
    private void checkStoredOnce(Database database, List<Client> clients) {
        List<StoredChange> changes = new ChangeLogReader(database).changes(Namespace.user(subject));
        Map<String, Long> stored = changes.stream()
                .collect(Collectors.groupingBy(StoredChange::mutationId, Collectors.counting()));
        Map<String, Long> expected = clients.stream().flatMap(c -> c.acknowledged.stream())
                .flatMap(b -> b.mutationIds().stream()).collect(Collectors.toMap(m -> m, m -> 1L));
        assertThat(stored).as("each mutation stored once").isEqualTo(expected);
        assertThat(changes).extracting(StoredChange::serverSeq).as("serverSeqs without a gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, changes.size()).boxed().toList());
    }

    /** Pushing the first acknowledged batch of each client again changes nothing: every result is deduped. */
    private void checkRetriesDedupe(ServerProcess server, List<Client> clients) throws IOException {
        for (Client c : clients) {
            JsonNode answer = push(server, c.acknowledged.getFirst());
            assertThat(answer.at("/result/results")).as(answer.toString()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.at("/result/deduped").asBoolean()).as(r.toString()).isTrue());
        }
    }

    /** A pull walk from cursor 0, page by page, ends with every record, each as after its last change. */
    private void checkPullWalk(ServerProcess server, List<Client> clients) throws IOException {
        Map<String, String> expected = new HashMap<>();
        clients.forEach(c -> c.acknowledged.forEach(b -> expected.putAll(b.titles())));
        Map<String, String> walked = new HashMap<>();
        String cursor = "0";
        for (int page = 0; ; page++) {
            assertThat(page).as("the walk ends").isLessThan(10_000);
            JsonNode answer = post(server, "/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"" + cursor
                    + "\"}, \"limit\": 100}");
            Set<String> inPage = new HashSet<>();
            for (JsonNode r : answer.at("/result/records/todos")) {
                String id = r.get("id").textValue();
                assertThat(inPage.add(id)).as("a record once per answer: " + id).isTrue();
                walked.put(id, r.get("title").textValue());
            }
            String next = answer.at("/result/cursors/todos").textValue();
            if (!answer.at("/result/hasMore").asBoolean()) {
                break;
            }
            assertThat(Long.parseLong(next)).as("the cursor moves on").isGreaterThan(Long.parseLong(cursor));
            cursor = next;
        }
        assertThat(walked).as("every record, as after its last change").isEqualTo(expected);
    }
}
