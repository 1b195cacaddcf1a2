package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replace, upsert, merge's null, server-owned fields and batches: the record operations beyond insert. */
@OnEveryDatabase
class WriteOperationsTest extends AbstractEngineTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    @Test
    void replaceWritesTheWholeRecordAndResetsWhatIsAbsent() {
        Namespace ns = TestDatabases.uniqueNamespace("replace");
        MutationResult inserted = insertTodo(ns, "{\"id\": \"r1\", \"title\": \"Old\", \"notes\": \"n\", \"priority\": 4, "
                + "\"completed\": true, \"tags\": [\"g1\", \"g2\"], \"projectId\": \"p1\"}");
        MutationResult r = mutate(ns, TODO + "\"operation\": \"replace\", \"id\": \"r1\", \"record\": {\"title\": \"New\"}}");
        ObjectNode row = record(ns, "todos", "r1");
        assertThat(r.record()).isEqualTo(row);
        assertThat(row.get("title").textValue()).isEqualTo("New");
        assertThat(row.get("notes").isNull()).as("absent, no default: null").isTrue();
        assertThat(row.get("priority").intValue()).as("absent with a default: the default").isZero();
        assertThat(row.get("completed").booleanValue()).isFalse();
        assertThat(row.get("projectId").isNull()).isTrue();
        assertThat(row.get("tags").size()).as("absent links: none").isZero();
        assertThat(row.get("createdAt")).as("server-owned: kept").isEqualTo(inserted.record().get("createdAt"));
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::operation)
                .containsExactly("insert", "replace");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"replace\", \"id\": \"r1\", \"record\": {\"notes\": \"x\"}}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "required");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"replace\", \"id\": \"nope\", \"record\": {\"title\": \"x\"}}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'nope'");
        assertThat(stored.changes(ns)).hasSize(2);
    }

    @Test
    void upsertInsertsThenReplaces() {
        Namespace ns = TestDatabases.uniqueNamespace("upsert");
        MutationResult created = mutate(ns, TODO + "\"operation\": \"upsert\", \"id\": \"u1\", "
                + "\"record\": {\"title\": \"First\", \"notes\": \"n\"}}");
        assertThat(created.record().get("priority").intValue()).isZero();
        MutationResult replaced = mutate(ns, TODO + "\"operation\": \"upsert\", "
                + "\"record\": {\"id\": \"u1\", \"title\": \"Second\"}}");
        assertThat(replaced.record().get("notes").isNull()).isTrue();
        assertThat(replaced.record().get("createdAt")).isEqualTo(created.record().get("createdAt"));
        assertThat(query(ns, "{\"resource\": \"todos\", \"version\": 1}").data()).hasSize(1);
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::operation)
                .as("the log says what the upsert did").containsExactly("insert", "replace");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"upsert\", \"id\": \"u2\", \"record\": {}}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "required");
    }

    @Test
    void mergeNullClearsOptionalFieldsAndIsRefusedForRequiredOnes() {
        Namespace ns = TestDatabases.uniqueNamespace("merge-null");
        insertTodo(ns, "{\"id\": \"n1\", \"title\": \"t\", \"notes\": \"n\", \"dueDate\": \"2026-01-02\"}");
        mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"n1\", \"record\": {\"dueDate\": null}}");
        ObjectNode row = record(ns, "todos", "n1");
        assertThat(row.get("dueDate").isNull()).isTrue();
        assertThat(row.get("notes").textValue()).as("absent: kept").isEqualTo("n");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"n1\", \"record\": {\"title\": null}}"),
                ErrorCode.VALIDATION_FAILED, "record.title", "required and cannot be null");
        assertThat(record(ns, "todos", "n1").get("title").textValue()).isEqualTo("t");
    }

    @Test
    void serverOwnedFieldsCannotBeWritten() {
        Namespace ns = TestDatabases.uniqueNamespace("server-owned");
        insertTodo(ns, "{\"id\": \"o1\", \"title\": \"t\"}");
        for (String member : List.of("createdAt", "updatedAt", "serverSeq", "namespace", "__deleted")) {
            assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"o1\", \"record\": {\"" + member
                    + "\": \"2020-01-01T00:00:00Z\"}}"), ErrorCode.DFQL_INVALID, "record." + member, "set by the server");
        }
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"o1\", \"record\": {\"id\": \"o2\"}}"),
                ErrorCode.DFQL_INVALID, "record.id", "cannot change");
        assertThat(stored.changes(ns)).hasSize(1);
    }

    @Test
    void malformedMutationsAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("shape");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"rename\", \"id\": \"x\"}"),
                ErrorCode.DFQL_INVALID, "operation", "unknown operation 'rename'");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"delete\", \"id\": \"x\", \"record\": {}}"),
                ErrorCode.DFQL_INVALID, "record", "takes no record");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"replace\", \"id\": \"x\"}"),
                ErrorCode.DFQL_INVALID, "record", "required");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"insert\", \"record\": {\"title\": \"t\"}, \"if\": {\"completed\": false}}"),
                ErrorCode.DFQL_INVALID, "if", "no current record");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"x\", \"record\": {}, \"targetId\": \"t\"}"),
                ErrorCode.DFQL_INVALID, "targetId", "belongs to relate");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"x\", \"record\": {}, \"if\": {\"title\": {\"near\": 1}}}"),
                ErrorCode.DFQL_INVALID, "if.title.near", "near");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"x\", \"record\": {}, \"if\": {\"colour\": \"red\"}}"),
                ErrorCode.DFQL_UNKNOWN_FIELD, "if.colour", "colour");
        assertThat(stored.changes(ns)).isEmpty();
    }

    @Test
    void aBatchAnswersEachMutationInOrderAndOneFailureStopsNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("batch");
        var answers = mutateBatch(ns, parse("""
                [{"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b1", "title": "one"}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b2"}},
                 {"resource": "todos", "version": 1, "operation": "merge", "id": "b1", "record": {"priority": 2}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b1", "title": "dup"}}]
                """));
        assertThat(answers).extracting(a -> a.get("ok").booleanValue()).containsExactly(true, false, true, false);
        assertThat(answers.get(1).at("/error/code").textValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(answers.get(1).at("/error/path").textValue()).isEqualTo("[1].record.title");
        assertThat(answers.get(3).at("/error/code").textValue()).isEqualTo("CONFLICT");
        assertThat(answers.get(2).at("/result/serverSeq").longValue()).isEqualTo(2);
        assertThat(record(ns, "todos", "b1").get("priority").intValue()).isEqualTo(2);
        assertThat(stored.changes(ns)).hasSize(2);
    }

    /**
     * A batch is first tried as one transaction; a mutation refused only by the database (a taken id) or
     * a key used before must still get its own answer, and the others theirs.
     */
    @Test
    void aBatchWithATakenIdOrAReplayAnswersEachMutationOnItsOwn() {
        Namespace ns = TestDatabases.uniqueNamespace("batch-taken");
        insertTodo(ns, "{\"id\": \"b0\", \"title\": \"there before\"}");
        var answers = mutateBatch(ns, parse("""
                [{"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                  "record": {"id": "b1", "title": "one"}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b0", "title": "dup"}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b2", "title": "two"}}]
                """));
        assertThat(answers).extracting(a -> a.get("ok").booleanValue()).containsExactly(true, false, true);
        assertThat(answers.get(1).at("/error/code").textValue()).isEqualTo("CONFLICT");
        assertThat(answers.get(1).at("/error/path").textValue()).isEqualTo("[1].record.id");
        assertThat(answers.get(2).at("/result/serverSeq").longValue()).isEqualTo(3);
        var retried = mutateBatch(ns, parse("""
                [{"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                  "record": {"id": "b1", "title": "one"}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b3", "title": "three"}}]
                """));
        assertThat(retried.get(0).at("/result/deduped").booleanValue()).isTrue();
        assertThat(retried.get(0).at("/result/serverSeq").longValue()).isEqualTo(2);
        assertThat(retried.get(1).at("/result/serverSeq").longValue()).isEqualTo(4);
        assertThat(stored.changes(ns)).hasSize(4);
    }

    @Test
    void aBatchThatSucceedsWholeGetsConsecutiveSeqsInOrder() {
        Namespace ns = TestDatabases.uniqueNamespace("batch-whole");
        var answers = mutateBatch(ns, parse("""
                [{"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "w1", "title": "one"}},
                 {"resource": "todos", "version": 1, "operation": "merge", "id": "w1", "record": {"priority": 3}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "w2", "title": "two"}}]
                """));
        assertThat(answers).extracting(a -> a.at("/result/serverSeq").longValue()).containsExactly(1L, 2L, 3L);
        assertThat(record(ns, "todos", "w1").get("priority").intValue()).isEqualTo(3);
    }

    @Test
    void aBatchOverMaxBatchSizeIsRefusedWhole() {
        Namespace ns = TestDatabases.uniqueNamespace("batch-size");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= datafn.limits().maxBatchSize(); i++) {
            many.append(i == 0 ? "" : ",").append("{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"name\": \"t" + i + "\"}}");
        }
        String body = many.append("]").toString();
        assertError(() -> mutateBatch(ns, parse(body)), ErrorCode.DFQL_INVALID, "", "maxBatchSize");
        assertThat(stored.changes(ns)).isEmpty();
    }

    @Test
    void concurrentUpsertsOfOneNewIdInsertOnceAndReplaceTheRest() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("upsert-race");
        int writers = 16;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<MutationResult> results = runConcurrently(writers, () -> mutate(ns, TODO + "\"operation\": \"upsert\", "
                + "\"id\": \"u1\", \"record\": {\"title\": \"w" + n.incrementAndGet() + "\"}}"));
        assertThat(results).hasSize(writers);
        assertThat(stored.changes(ns)).extracting(ChangeLogReader.StoredChange::operation)
                .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("insert"),
                        java.util.stream.Stream.generate(() -> "replace").limit(writers - 1)).toList());
    }

    @Test
    void idempotencyRecordsAnswerRetriesForTheirRetentionOnly() {
        Namespace ns = TestDatabases.uniqueNamespace("retention");
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        try (var engine = dev.datafn.DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .clock(now::get).retention(new dev.datafn.config.Retention(0, 7, false, 0)).build()) {
            var insert = json("{\"resource\": \"tags\", \"version\": 1, \"operation\": \"upsert\", \"id\": \"g1\", "
                    + "\"clientId\": \"c\", \"mutationId\": \"m\", \"record\": {\"name\": \"x\"}}");
            assertThat(engine.mutate(ns, null, insert).deduped()).isFalse();
            now.set(now.get().plus(java.time.Duration.ofDays(6)));
            assertThat(engine.mutate(ns, null, insert).deduped()).as("within 7 days: a retry").isTrue();
            now.set(now.get().plus(java.time.Duration.ofDays(2)));
            assertThat(engine.mutate(ns, null, insert).deduped()).as("after 7 days: a new mutation").isFalse();
            assertThat(stored.changes(ns)).hasSize(2);
            now.set(now.get().plus(java.time.Duration.ofDays(8)));
            assertThat(engine.pruneExpired()).isPositive();
            assertThat(stored.count("select count(*) from datafn_idempotency where namespace = ?", ns)).isZero();
        }
    }

    /** A mutation array, answered as {@code POST /datafn/mutation} answers it: an envelope per mutation. */
    private ArrayNode mutateBatch(Namespace ns, JsonNode mutations) {
        return Envelope.outcomes(datafn.mutateBatch(ns, null, mutations), MutationResult::toJson, true);
    }
}
