package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Live cursors over the default database sequence store, which settles a seq when its write commits: the
 * hub then sends the highest seq heard without reading the settled seq again. Under 8 concurrent writers,
 * every frame's seq is one a pull already reaches when the frame arrives, frames only go forward, and the last
 * is the namespace's settled seq. ({@link WebSocketTest} covers a store with seqs in flight.)
 */
@OnEveryDatabase
class SettledAtCommitCursorTest {

    private static final int WRITERS = 8;
    private static final int EACH = 15;

    @Parameter
    private TestDatabase testDatabase;

    @Test
    void underEightWritersEveryFrameIsAlreadySettledAndTheyOnlyGoForward() throws Exception {
        JwtAuthenticator jwt = ServedEngine.freshJwt();
        String token = jwt.issue("u-" + UUID.randomUUID(), null, Duration.ofHours(1), Map.of("admin", true));
        Namespace namespace = Namespace.user(jwt.verify(token).userId());
        try (ServedEngine served = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                        .realtime(new RealtimeSettings(100, 10, Duration.ofSeconds(30), Duration.ofSeconds(10)))
                        .build());
                LiveSocket socket = LiveSocket.open(served, token)) {
            assertThat(served.datafn().commitsSettle()).as("the default store settles at commit").isTrue();
            socket.next();
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < EACH; i++) {
                            served.send(token, "POST", "/mutation", insertTodo("w" + writer + "-" + i)).assertOk();
                        }
                    }));
                }
                long last = 0;
                while (last < WRITERS * EACH) {
                    JsonNode frame = socket.next();
                    long seq = frame.path("serverSeq").longValue();
                    assertThat(seq).as("after " + last + ": " + frame).isGreaterThan(last);
                    assertThat(served.datafn().settledServerSeq(namespace))
                            .as("a pull reaches the frame's seq when it arrives: " + frame).isGreaterThanOrEqualTo(seq);
                    last = seq;
                }
                for (Future<?> writer : done) {
                    writer.get(2, TimeUnit.MINUTES);
                }
                assertThat(last).isEqualTo(served.datafn().settledServerSeq(namespace));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static String insertTodo(String id) {
        return "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"" + id
                + "\", \"title\": \"" + id + "\"}}";
    }
}
