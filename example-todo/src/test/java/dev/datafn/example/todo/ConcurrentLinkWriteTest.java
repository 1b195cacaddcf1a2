package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.sequence.DatabaseSequenceStore;
import dev.datafn.testing.LockWaits;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two writers remove the same many-many link at once: one replaces a todo's tags, the other deletes the
 * tag, which removes every link to it. The one that finds the link gone when its delete reaches the row
 * runs again (found by {@link GeneratedRequestsFuzzTest} as a 500: Hibernate's delete of the link row changed no row).
 * The first writer is held inside its transaction, after its link delete, until the second is blocked
 * behind it in the database.
 */
@OnEveryDatabase
class ConcurrentLinkWriteTest extends AbstractServedTest {

    private StallingSequenceStore stalling;

    @Override
    protected DataFnBuilder engine(DataFnBuilder engine) {
        return engine.sequenceStore(store -> stalling = new StallingSequenceStore(new DatabaseSequenceStore(store)));
    }

    @Test
    void aLinkRemovedByAConcurrentWriterIsNotAFailure() throws Exception {
        ok(client.post("/mutation", """
                {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "tg_race", "name": "race"}}"""));
        ok(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert",
                 "record": {"id": "td_race", "title": "x", "tags": ["tg_race"]}}"""));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stalled = stalling.stallNextReservation(release);
            Future<JsonHttpClient.Reply> replace = threads.submit(() -> client.post("/mutation", """
                    {"resource": "todos", "version": 1, "operation": "replace", "id": "td_race",
                     "record": {"title": "y", "tags": []}}"""));
            assertThat(stalled.await(10, TimeUnit.SECONDS)).as("the replace holds its link delete").isTrue();
            Future<JsonHttpClient.Reply> delete = threads.submit(() -> client.post("/mutation", """
                    {"resource": "tags", "version": 1, "operation": "delete", "id": "tg_race"}"""));
            LockWaits.awaitUntil("the tag's delete waits for the link row",
                    () -> delete.isDone() || LockWaits.count(database) > 0);
            release.countDown();
            ok(replace.get(30, TimeUnit.SECONDS));
            ok(delete.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        JsonHttpClient.Reply todo = client.get("/resources/todos/td_race");
        ok(todo);
        assertThat(todo.body().at("/result/data/0/tags").size()).as(todo.raw()).isZero();
        assertThat(client.get("/resources/tags/tg_race").status()).isEqualTo(404);
    }

    private static void ok(JsonHttpClient.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
