package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.Database;
import dev.datafn.example.todo.OutageClient.Answer;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.ChangeLogReader.StoredChange;
import dev.datafn.testing.LockWaits;
import dev.datafn.testing.PrivatePostgres;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL goes away under load and comes back, twice: first as a crash ({@code pg_ctl stop -m immediate}),
 * then as an operator's restart ({@code -m fast}), on a private server (see {@link PrivatePostgres}) while the
 * in-process DataFn keeps running. Writers insert with stable client and mutation ids, readers query. While the
 * database is gone every request is answered 503 {@code SERVICE_UNAVAILABLE} with a {@code Retry-After}, never
 * 500; once it is back, requests succeed again without restarting DataFn; every acknowledged write is stored
 * exactly once, and every unacknowledged one, retried with the same ids, is applied once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresRestartTest {

    private static final int WRITERS = 3;
    private static final int READERS = 2;
    /** The statement timeout, which also bounds how long a request waits for a connection. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5}";

    private final String user = "restart-" + UUID.randomUUID();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** One request of the load and its answer; {@code mutationId} is {@code null} for a read. */
    private record Sent(String mutationId, String body, Answer answer) {
    }

    @Test
    void requestsAreAnswered503WhileTheDatabaseIsGoneAndNoAcknowledgedWriteIsLost() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start();
                ServedEngine served = serve(pg.database().withPoolSize(4))) {
            OutageClient client = new OutageClient(served.url(""));
            List<Thread> load = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < WRITERS; w++) {
                String clientId = "writer-" + w;
                load.add(Thread.ofVirtual().start(() -> collecting(failures, () -> write(client, clientId))));
            }
            for (int r = 0; r < READERS; r++) {
                load.add(Thread.ofVirtual().start(() -> collecting(failures, () -> read(client))));
            }
            try {
                awaitServing();
                outage(pg, pg::crash);
                outage(pg, pg::stop);
            } finally {
                running.set(false);
                for (Thread t : load) {
                    t.join();
                }
            }
            assertThat(failures).as("no request hung or failed at the connection").isEmpty();

            List<Sent> all = List.copyOf(sent);
            assertThat(all).as("answered 200 or 503, nothing else").allSatisfy(s -> {
                if (!s.answer().ok()) {
                    s.answer().assertUnavailable(true);
                }
            });
            List<Sent> writes = all.stream().filter(s -> s.mutationId() != null).toList();
            List<Sent> unacknowledged = writes.stream().filter(s -> !s.answer().ok()).toList();
            assertThat(unacknowledged).as("writes refused during the outages").isNotEmpty();
            for (Sent s : unacknowledged) {
                Answer again = client.post(user, "/mutation", s.body());
                assertThat(again.ok()).as("retried with the same ids: " + again.raw()).isTrue();
            }
            Sent acknowledged = writes.stream().filter(s -> s.answer().ok()).findFirst().orElseThrow();
            Answer retry = client.post(user, "/mutation", acknowledged.body());
            assertThat(retry.body().at("/result/deduped").asBoolean()).as(retry.raw()).isTrue();

            Map<String, Long> stored = new ChangeLogReader(pg.database()).changes(Namespace.user(user)).stream()
                    .collect(Collectors.groupingBy(StoredChange::mutationId, Collectors.counting()));
            Map<String, Long> expected = writes.stream()
                    .collect(Collectors.toMap(Sent::mutationId, s -> 1L, (a, b) -> a));
            assertThat(stored).as("every write, acknowledged or retried, stored exactly once").isEqualTo(expected);
        }
    }

    /**
     * Takes the database away while the load runs, until both a write and a read were answered 503, then brings
     * it back and waits until every writer and reader succeeds again, the same DataFn serving.
     */
    private void outage(PrivatePostgres pg, Stoppage stop) throws Exception {
        int before = sent.size();
        stop.stop();
        LockWaits.awaitUntil("a write and a read answered 503 while the database is gone",
                () -> since(before, s -> s.answer().unavailable()).stream()
                        .map(s -> s.mutationId() != null).distinct().count() == 2);
        pg.restart();
        awaitServing();
    }

    /** Waits until writes and reads sent from now on succeed. */
    private void awaitServing() {
        int from = sent.size();
        LockWaits.awaitUntil("writes and reads succeed", () -> since(from, s -> s.answer().ok()).stream()
                .map(s -> s.mutationId() != null).distinct().count() == 2);
    }

    private List<Sent> since(int index, Function<Sent, Boolean> which) {
        synchronized (sent) {
            return sent.subList(index, sent.size()).stream().filter(which::apply).toList();
        }
    }

    /** Runs a load thread's work, keeping what it threw for the test's thread to report. */
    private static void collecting(List<Throwable> failures, Runnable work) {
        try {
            work.run();
        } catch (Throwable failed) {
            failures.add(failed);
        }
    }

    private void write(OutageClient client, String clientId) {
        for (int n = 0; running.get(); n++) {
            String mutationId = clientId + "-" + n;
            String body = OutageClient.insert(clientId, mutationId, "written under restarts");
            sent.add(new Sent(mutationId, body, client.post(user, "/mutation", body)));
        }
    }

    private void read(OutageClient client) {
        while (running.get()) {
            sent.add(new Sent(null, QUERY, client.post(user, "/query", QUERY)));
        }
    }

    private ServedEngine serve(Database database) {
        return ServedEngine.start(database, b -> b.queryTimeout(QUERY_TIMEOUT).search(false),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> Namespace.user(
                        req.headers().first(HeaderNames.create("X-User")).orElseThrow())).build());
    }

    /** A way of stopping the server. */
    @FunctionalInterface
    private interface Stoppage {
        void stop() throws Exception;
    }
}
