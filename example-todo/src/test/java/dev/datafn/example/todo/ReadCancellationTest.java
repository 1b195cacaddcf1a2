package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.datafn.db.QueryResult;
import dev.datafn.db.ReadCancellation;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a cancelled {@link ReadCancellation} stops: the reads of its work, on its thread and on threads the
 * work runs for it (a batch's), but neither a write nor the reads of a thread that outlived the work.
 */
@OnEveryDatabase
class ReadCancellationTest extends AbstractEngineTest {

    private static final String COUNT_TODOS = "{\"resource\": \"todos\", \"version\": 1, \"count\": true}";

    private final Namespace ns = TestDatabases.uniqueNamespace("read-cancel");

    @Test
    void aCancelledGroupRefusesItsReadsButNotItsWrites() {
        Throwable refused = catchThrowable(() -> cancelled().run(() -> datafn.query(ns, json(COUNT_TODOS))));
        assertThat(refused).isInstanceOfSatisfying(DataFnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_ABORTED));
        assertThat(cancelled().run(() -> datafn.queryBatch(ns, batchOf(COUNT_TODOS))).getFirst().ok())
                .as("a batch's query runs on a thread of its own, and is refused too").isFalse();
        cancelled().run(() -> insertTodo(ns, "{\"title\": \"written anyway\"}"));
        assertThat(datafn.query(ns, json(COUNT_TODOS)).count()).isEqualTo(1);
    }

    private static ReadCancellation cancelled() {
        ReadCancellation reads = new ReadCancellation();
        reads.cancel();
        return reads;
    }

    private static com.fasterxml.jackson.databind.JsonNode batchOf(String query) {
        return dev.datafn.json.Json.parse(("[" + query + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8), "");
    }

    @Test
    void aThreadThatOutlivesTheWorkReadsFreely() throws Exception {
        ReadCancellation reads = new ReadCancellation();
        CountDownLatch workEnded = new CountDownLatch(1);
        CompletableFuture<QueryResult> later = new CompletableFuture<>();
        reads.run(() -> Thread.ofPlatform().start(() -> {
            try {
                workEnded.await();
                later.complete(datafn.query(ns, json(COUNT_TODOS)));
            } catch (Throwable e) {
                later.completeExceptionally(e);
            }
        }));
        reads.cancel();
        workEnded.countDown();
        assertThat(later.get(30, TimeUnit.SECONDS).count()).isGreaterThanOrEqualTo(0);
    }
}
