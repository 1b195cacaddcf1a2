package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.write.WriteEvents;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.LockWaits;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Inserts, merges and deletes: validation, idempotency under concurrency, and the change log they write. */
@OnEveryDatabase
class MutationTest extends AbstractEngineTest {

    @Test
    void insertGeneratesAnIdAppliesDefaultsAndStampsTimes() {
        Namespace ns = TestDatabases.uniqueNamespace("insert");
        MutationResult r = insertTodo(ns, "{\"title\": \"New\"}");
        String id = r.affectedIds().get(0);
        assertThat(id).matches("td_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(r.serverSeq()).isEqualTo(1);
        assertThat(r.deduped()).isFalse();
        assertThat(r.record().get("completed").booleanValue()).isFalse();
        assertThat(r.record().get("priority").intValue()).isZero();
        assertThat(r.record().get("createdAt").textValue()).isEqualTo(r.record().get("updatedAt").textValue());
        assertThat(stored.changes(ns)).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("insert");
            assertThat(c.recordId()).isEqualTo(id);
            assertThat(c.actor()).isEqualTo("tester");
        });
    }

    @Test
    void mergeChangesOnlyTheFieldsSentAndNullClears() {
        Namespace ns = TestDatabases.uniqueNamespace("merge");
        insertTodo(ns, "{\"id\": \"m1\", \"title\": \"Keep\", \"notes\": \"drop me\", \"priority\": 3}");
        MutationResult r = mutate(ns, """
                {"resource": "todos", "version": 1, "operation": "merge", "id": "m1",
                 "record": {"completed": true, "notes": null, "tags": ["tg_a", "tg_b"]}}""");
        assertThat(r.serverSeq()).isEqualTo(2);
        var row = query(ns, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"m1\"}}").data().get(0);
        assertThat(row.get("title").textValue()).isEqualTo("Keep");
        assertThat(row.get("priority").intValue()).isEqualTo(3);
        assertThat(row.get("completed").booleanValue()).isTrue();
        assertThat(row.get("notes").isNull()).isTrue();
        assertThat(row.get("tags").toString()).isEqualTo("[\"tg_a\",\"tg_b\"]");
    }

    @Test
    void deleteRemovesTheRecordAndLogsATombstone() {
        Namespace ns = TestDatabases.uniqueNamespace("delete");
        insertTodo(ns, "{\"id\": \"d1\", \"title\": \"Gone soon\", \"tags\": [\"tg_x\"]}");
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"d1\"}");
        assertThat(query(ns, "{\"resource\": \"todos\", \"version\": 1}").data()).isEmpty();
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::operation)
                .containsExactly("insert", "delete");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"d1\"}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'd1'");
    }

    @Test
    void invalidRecordsAreRefusedWithPathAndChangeNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("invalid");
        assertError(() -> insertTodo(ns, "{\"notes\": \"no title\"}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "required");
        assertError(() -> insertTodo(ns, "{\"title\": \"" + "x".repeat(201) + "\"}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "longer than 200");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"priority\": 6}"),
                ErrorCode.VALIDATION_FAILED, "record.priority", "at most 5");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"priority\": 2.5}"),
                ErrorCode.DFQL_INVALID, "record.priority", "expects an integer");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"dueDate\": \"tomorrow\"}"),
                ErrorCode.DFQL_INVALID, "record.dueDate", "date");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"colour\": \"red\"}"),
                ErrorCode.DFQL_UNKNOWN_FIELD, "record.colour", "no field 'colour'");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"createdAt\": \"2020-01-01T00:00:00Z\"}"),
                ErrorCode.DFQL_INVALID, "record.createdAt", "set by the server");
        assertError(() -> insertTodo(ns, "{\"id\": \"bad id!\", \"title\": \"t\"}"),
                ErrorCode.DFQL_INVALID, "record.id", "letters, digits");
        assertError(() -> insertTodo(ns, "{\"title\": null}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "required");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"record\": {}}"),
                ErrorCode.DFQL_INVALID, "id", "required");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"upsert\", \"record\": {\"title\": \"t\"}}"),
                ErrorCode.DFQL_INVALID, "id", "upsert needs the id");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"clientId\": \"c\", \"record\": {\"title\": \"t\"}}"),
                ErrorCode.DFQL_INVALID, "mutationId", "go together");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"projectId\": \"" + "p".repeat(256) + "\"}"),
                ErrorCode.DFQL_INVALID, "record.projectId", "1 to 255 characters");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"tags\": [\"ok\", \"not ok\"]}"),
                ErrorCode.DFQL_INVALID, "record.tags[1]", "letters, digits");
        assertError(() -> insertTodo(ns, "{\"title\": \"nul \\u0000 inside\"}"),
                ErrorCode.DFQL_INVALID, "record.title", "NUL");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"dueDate\": \"+99999-01-01\"}"),
                ErrorCode.DFQL_INVALID, "record.dueDate", "years");
        assertError(() -> insertTodo(ns, "{\"title\": \"t\", \"notes\": \"" + "n".repeat(1_000_001) + "\"}"),
                ErrorCode.VALIDATION_FAILED, "record.notes", "longer than 1000000");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"" + "m".repeat(256) + "\", \"record\": {\"title\": \"t\"}}"),
                ErrorCode.DFQL_INVALID, "mutationId", "1 to 255");
        assertThat(stored.changes(ns)).isEmpty();
        assertThat(query(ns, "{\"resource\": \"todos\", \"version\": 1}").data()).isEmpty();
    }

    @Test
    void aNamespacesFirstWriteNeedsNoSecondConnection() {
        try (DataFn single = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database.withPoolSize(1))
                .build()) {
            for (int i = 0; i < 3; i++) {
                Namespace fresh = TestDatabases.uniqueNamespace("pool-of-one");
                var r = single.mutate(fresh, null, json("{\"resource\": \"tags\", \"version\": 1, "
                        + "\"operation\": \"insert\", \"record\": {\"name\": \"first\"}}"));
                assertThat(r.serverSeq()).isEqualTo(1);
            }
        }
    }

    @Test
    void theChangeLogHoldsWhatWasStored() {
        Namespace ns = TestDatabases.uniqueNamespace("change-data");
        var r = insertTodo(ns, "{\"title\": \"t\", \"tags\": [\"g1\"], \"dueDate\": \"2026-05-01\"}");
        var row = query(ns, "{\"resource\": \"todos\", \"version\": 1}").data().get(0);
        assertThat(r.record()).isEqualTo(row);
        assertThat(stored.changes(ns)).singleElement()
                .satisfies(c -> assertThat(json(stored.data(ns, c.serverSeq()))).isEqualTo(row));
    }

    @Test
    void conflictsAreReportedAndLeaveNoTrace() {
        Namespace ns = TestDatabases.uniqueNamespace("conflict");
        insertTodo(ns, "{\"id\": \"c1\", \"title\": \"first\"}");
        assertError(() -> insertTodo(ns, "{\"id\": \"c1\", \"title\": \"second\"}"),
                ErrorCode.CONFLICT, "record.id", "already exists");
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"Home\"}}");
        assertError(() -> mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"Home\"}}"),
                ErrorCode.CONFLICT, "record.name", "already has this name");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"zz\", \"record\": {\"title\": \"x\"}}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record");
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::serverSeq).containsExactly(1L, 2L);
    }

    @Test
    void aRepeatedIdempotencyKeyIsAnsweredFromTheFirstExecution() {
        Namespace ns = TestDatabases.uniqueNamespace("replay");
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "dev-1", "mutationId": "m-1",
                 "record": {"title": "Once"}}""";
        MutationResult first = mutate(ns, insert);
        MutationResult again = mutate(ns, insert);
        assertThat(again.deduped()).isTrue();
        assertThat(again.affectedIds()).isEqualTo(first.affectedIds());
        assertThat(again.serverSeq()).isEqualTo(first.serverSeq());
        assertThat(stored.changes(ns)).hasSize(1);
        assertThat(query(ns, "{\"resource\": \"todos\", \"version\": 1}").data()).hasSize(1);
        assertError(() -> mutate(ns, insert.replace("Once", "Twice")),
                ErrorCode.IDEMPOTENCY_KEY_REUSED, "mutationId", "different mutation");
        // Keys are per namespace: the same key elsewhere is a new mutation.
        Namespace other = TestDatabases.uniqueNamespace("replay-other");
        assertThat(mutate(other, insert).deduped()).isFalse();
    }

    @Test
    void fiftyConcurrentCopiesOfOneMutationApplyExactlyOnce() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("storm");
        insertTodo(ns, "{\"id\": \"s1\", \"title\": \"counter\", \"priority\": 0}");
        String merge = """
                {"resource": "todos", "version": 1, "operation": "merge", "clientId": "dev-9", "mutationId": "bump",
                 "id": "s1", "record": {"priority": 1}}""";
        List<MutationResult> results = runConcurrently(50, () -> mutate(ns, merge));
        assertThat(results).filteredOn(r -> !r.deduped()).hasSize(1);
        assertThat(results).extracting(MutationResult::serverSeq).containsOnly(2L);
        assertThat(stored.changes(ns)).hasSize(2);
        assertThat(stored.count("select count(*) from datafn_idempotency where namespace = ?", ns)).isEqualTo(1);
    }

    @Test
    void concurrentWritersGetGapFreeServerSeqsInOneNamespace() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("seq");
        List<MutationResult> results = runConcurrently(40, () -> insertTodo(ns, "{\"title\": \"w\"}"));
        assertThat(results).extracting(MutationResult::serverSeq).doesNotHaveDuplicates();
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::serverSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
    }

    /**
     * The first execution of a key is stalled inside an open transaction while a retry arrives: the
     * retry waits, and answers the first execution's result once it commits. Never a second execution.
     */
    @Test
    void aRetryWaitsForAStalledFirstExecutionThenReplaysIt() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("stalled");
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "dev-1", "mutationId": "slow",
                 "record": {"title": "Stalled"}}""";
        java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        try (DataFn watched = engineTelling(waiting);
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> watched.transact(ns, "first", tx -> {
                MutationResult r = tx.mutate(json(insert));
                applied.countDown();
                await(release);
                return r;
            }));
            java.util.concurrent.Future<MutationResult> retry;
            try {
                applied.await();
                retry = threads.submit(() -> watched.mutate(ns, null, json(insert)));
                awaitRetryWaiting(waiting, retry);
            } finally {
                release.countDown();
            }
            MutationResult firstResult = first.get();
            MutationResult replayed = retry.get();
            assertThat(replayed.deduped()).isTrue();
            assertThat(replayed.affectedIds()).isEqualTo(firstResult.affectedIds());
        }
        assertThat(stored.changes(ns)).hasSize(1);
        assertThat(query(ns, "{\"resource\": \"todos\", \"version\": 1}").data()).hasSize(1);
    }

    /** When the stalled first execution rolls back instead, the waiting retry is the one that applies. */
    @Test
    void aRetryOfAFirstExecutionThatRollsBackAppliesOnce() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("rolled-back");
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "dev-1", "mutationId": "undone",
                 "record": {"title": "Second time lucky"}}""";
        java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        try (DataFn watched = engineTelling(waiting);
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> watched.transact(ns, "first", tx -> {
                tx.mutate(json(insert));
                applied.countDown();
                await(release);
                throw new IllegalStateException("the first execution fails after writing");
            }));
            java.util.concurrent.Future<MutationResult> retry;
            try {
                applied.await();
                retry = threads.submit(() -> watched.mutate(ns, null, json(insert)));
                awaitRetryWaiting(waiting, retry);
            } finally {
                release.countDown();
            }
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    first::get)).hasRootCauseMessage("the first execution fails after writing");
            assertThat(retry.get().deduped()).isFalse();
        }
        assertThat(stored.changes(ns)).hasSize(1);
        assertThat(stored.count("select count(*) from datafn_idempotency where namespace = ?", ns)).isEqualTo(1);
    }

    /**
     * Returns once the retry waits for the first execution, whichever way the database makes it wait:
     * blocked behind the first's uncommitted key row (PostgreSQL), or refused and run again by the engine,
     * which reports it (H2); fails when the retry finished instead.
     */
    private void awaitRetryWaiting(java.util.concurrent.CountDownLatch waiting,
            java.util.concurrent.Future<MutationResult> retry) {
        LockWaits.awaitUntil("the retry waits for the first execution",
                () -> retry.isDone() || waiting.getCount() == 0 || LockWaits.count(database) > 0);
        assertThat(retry.isDone()).as("the retry waits while the first execution is open: " + (retry.isDone()
                ? retry.state() + " " + (retry.state() == java.util.concurrent.Future.State.SUCCESS
                        ? retry.resultNow() : retry.exceptionNow()) : "")).isFalse();
    }

    /** An engine on this suite's database that counts the latch down when a write runs again. */
    private DataFn engineTelling(java.util.concurrent.CountDownLatch waiting) {
        return DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .writeEvents(new WriteEvents() {
                    @Override
                    public void runningAgain(Namespace namespace) {
                        waiting.countDown();
                    }
                })
                .build();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
