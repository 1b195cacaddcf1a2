package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code POST /datafn/transact} and {@code DataFn.transact}: all or nothing, step by step. */
@OnEveryDatabase
class TransactTest extends AbstractEngineTest {

    private static final String IDEMPOTENCY = "select count(*) from datafn_idempotency where namespace = ?";

    private ObjectNode transact(Namespace ns, String request) {
        return Envelope.transact(datafn.transact(ns, "tester", json(request)), true);
    }

    @Test
    void anAtomicTransactionAppliesEveryStepAndQueriesSeeEarlierSteps() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-ok");
        ObjectNode answer = transact(ns, """
                {"transactionId": "tx-1", "atomic": true, "steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                                "record": {"id": "t1", "title": "one"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "t1", "record": {"priority": 4}}},
                  {"query": {"resource": "todos", "version": 1, "select": ["id", "priority"], "filters": {"priority": 4}}}
                ]}""");
        assertThat(answer.get("ok").booleanValue()).isTrue();
        assertThat(answer.get("transactionId").textValue()).isEqualTo("tx-1");
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("kind").textValue()).isEqualTo("mutation");
        assertThat(results.get(0).at("/result/serverSeq").longValue()).isEqualTo(1);
        assertThat(results.get(1).at("/result/serverSeq").longValue()).isEqualTo(2);
        assertThat(results.get(2).get("kind").textValue()).isEqualTo("query");
        assertThat(results.get(2).at("/result/data").toString()).isEqualTo("[{\"id\":\"t1\",\"priority\":4}]");
        assertThat(stored.changes(ns)).hasSize(2);
        // Retrying the whole transaction replays its keyed mutation and applies the unkeyed one again.
        ObjectNode retry = transact(ns, """
                {"steps": [{"mutation": {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c",
                            "mutationId": "m1", "record": {"id": "t1", "title": "one"}}}]}""");
        assertThat(retry.at("/results/0/result/deduped").booleanValue()).isTrue();
        assertThat(stored.changes(ns)).hasSize(2);
    }

    @Test
    void aFailingStepRollsBackEveryEarlierStepWithItsChangeAndIdempotencyRecords() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-fail");
        insertTodo(ns, "{\"id\": \"t0\", \"title\": \"there before\"}");
        ObjectNode answer = transact(ns, """
                {"transactionId": "tx-2", "steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                                "record": {"id": "t1", "title": "one"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "t0", "record": {"priority": 5}}},
                  {"query": {"resource": "todos", "version": 1}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "t0", "record": {"title": "x"},
                                "if": {"priority": 0}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "delete", "id": "t0"}}
                ]}""");
        assertThat(answer.get("ok").booleanValue()).isFalse();
        assertThat(answer.get("failedStep").intValue()).isEqualTo(3);
        assertThat(answer.at("/error/code").textValue()).isEqualTo("CONFLICT");
        assertThat(answer.at("/error/path").textValue()).isEqualTo("steps[3].mutation.if");
        assertThat(answer.get("results")).hasSize(4);
        assertThat(answer.at("/results/0/rolledBack").booleanValue()).isTrue();
        assertThat(answer.at("/results/3/ok").booleanValue()).isFalse();
        assertThat(record(ns, "todos", "t1")).isNull();
        assertThat(record(ns, "todos", "t0").get("priority").intValue()).isZero();
        assertThat(stored.changes(ns)).hasSize(1);
        assertThat(stored.count(IDEMPOTENCY, ns)).isZero();
        // The key was rolled back with the rest, so the same mutation now applies for real.
        MutationResult again = mutate(ns, """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                 "record": {"id": "t1", "title": "one"}}""");
        assertThat(again.deduped()).isFalse();
    }

    /**
     * Plain inserts are first applied without looking (in JDBC batches); a taken id or unique value among
     * them must still be reported at its own step, with nothing applied.
     */
    @Test
    void aTakenIdOrUniqueValueAmongBatchedInsertsFailsAtItsOwnStep() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-taken");
        insertTodo(ns, "{\"id\": \"t0\", \"title\": \"there before\"}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"urgent\"}}");
        ObjectNode takenId = transact(ns, """
                {"steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                                "record": {"id": "t1", "title": "one"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t2", "title": "two"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t0", "title": "again"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t3", "title": "three"}}}
                ]}""");
        assertThat(takenId.get("failedStep").intValue()).isEqualTo(2);
        assertThat(takenId.at("/error/code").textValue()).isEqualTo("CONFLICT");
        assertThat(takenId.at("/error/path").textValue()).isEqualTo("steps[2].mutation.record.id");
        ObjectNode takenName = transact(ns, """
                {"steps": [
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"name": "fresh"}}},
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"name": "urgent"}}}
                ]}""");
        assertThat(takenName.get("failedStep").intValue()).isEqualTo(1);
        assertThat(takenName.at("/error/path").textValue()).isEqualTo("steps[1].mutation.record.name");
        assertThat(record(ns, "todos", "t1")).isNull();
        assertThat(record(ns, "todos", "t3")).isNull();
        assertThat(stored.changes(ns)).hasSize(2);
        assertThat(stored.count(IDEMPOTENCY, ns)).isZero();
    }

    @Test
    void aRetriedBatchOfInsertsReplaysEveryResultAndWritesNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-retry");
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            steps.append(i == 0 ? "" : ",").append("""
                    {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c",
                     "mutationId": "m%d", "record": {"id": "t%d", "title": "todo %d"}}}""".formatted(i, i, i));
        }
        String request = "{\"steps\": [" + steps + "]}";
        ObjectNode first = transact(ns, request);
        assertThat(first.get("ok").booleanValue()).isTrue();
        assertThat(first.at("/results/99/result/serverSeq").longValue()).isEqualTo(100);
        ObjectNode retry = transact(ns, request);
        for (int i = 0; i < 100; i++) {
            JsonNode replayed = retry.at("/results/" + i + "/result");
            assertThat(replayed.get("deduped").booleanValue()).isTrue();
            assertThat(replayed.get("serverSeq").longValue()).isEqualTo(i + 1);
        }
        assertThat(stored.changes(ns)).hasSize(100);
        assertThat(stored.count(IDEMPOTENCY, ns)).isEqualTo(100);
    }

    @Test
    void anInvalidStepFailsTheTransactionBeforeAnythingRuns() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-invalid");
        ObjectNode answer = transact(ns, """
                {"steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "one"}}},
                  {"query": {"resource": "todos", "version": 1, "filters": {"priority": {"near": 1}}}}
                ]}""");
        assertThat(answer.get("failedStep").intValue()).isEqualTo(1);
        assertThat(answer.at("/error/path").textValue()).isEqualTo("steps[1].query.filters.priority.near");
        assertThat(answer.at("/results/0/kind").textValue()).isEqualTo("mutation");
        assertThat(stored.changes(ns)).isEmpty();
    }

    @Test
    void aNonAtomicTransactionRunsAndReportsEachStep() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-each");
        ObjectNode answer = transact(ns, """
                {"atomic": false, "steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t1", "title": "one"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t1", "title": "dup"}}},
                  {"bogus": {}},
                  {"query": {"resource": "todos", "version": 1, "select": ["id"]}}
                ]}""");
        assertThat(answer.get("ok").booleanValue()).isFalse();
        assertThat(answer.has("failedStep")).isFalse();
        assertThat(answer.at("/results/0/ok").booleanValue()).isTrue();
        assertThat(answer.at("/results/1/error/code").textValue()).isEqualTo("CONFLICT");
        assertThat(answer.at("/results/2/error/path").textValue()).isEqualTo("steps[2].bogus");
        assertThat(answer.at("/results/3/result/data").toString()).isEqualTo("[{\"id\":\"t1\"}]");
        assertThat(stored.changes(ns)).hasSize(1);
    }

    @Test
    void malformedTransactionsAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-shape");
        assertError(() -> transact(ns, "{\"atomic\": true}"), ErrorCode.DFQL_INVALID, "steps", "required");
        assertError(() -> transact(ns, "{\"steps\": []}"), ErrorCode.DFQL_INVALID, "steps", "at least one");
        assertError(() -> transact(ns, "{\"steps\": [], \"atomic\": \"yes\"}"), ErrorCode.DFQL_INVALID, "atomic", "true or false");
        assertError(() -> transact(ns, "{\"steps\": [{\"query\": {}}], \"extra\": 1}"), ErrorCode.DFQL_INVALID, "extra", "extra");
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i <= datafn.limits().maxTransactSteps(); i++) {
            steps.append(i == 0 ? "" : ",").append("{\"query\": {\"resource\": \"todos\", \"version\": 1}}");
        }
        assertError(() -> transact(ns, "{\"steps\": [" + steps + "]}"), ErrorCode.DFQL_INVALID, "steps", "maxTransactSteps");
        ObjectNode both = transact(ns, "{\"steps\": [{\"query\": {\"resource\": \"todos\", \"version\": 1}, "
                + "\"mutation\": {}}]}");
        assertThat(both.at("/error/path").textValue()).isEqualTo("steps[0]");
        assertThat(both.at("/error/message").textValue()).contains("exactly one of");
    }

    @Test
    void theJavaTransactionCommitsTogetherOrRollsBackTogether() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-java");
        String title = datafn.transact(ns, "tester", tx -> {
            tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"j1\", \"title\": \"a\"}}"));
            MutationResult merged = tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"j1\", \"record\": {\"title\": \"b\"}}"));
            assertThat(merged.serverSeq()).as("seqs are taken at commit").isZero();
            return tx.query(json("{\"resource\": \"todos\", \"version\": 1}")).data().get(0).get("title").textValue();
        });
        assertThat(title).isEqualTo("b");
        assertThat(stored.changes(ns)).hasSize(2);

        assertThatThrownBy(() -> datafn.transact(ns, "tester", tx -> {
            tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"clientId\": \"c\", \"mutationId\": \"k\", \"record\": {\"id\": \"j2\", \"title\": \"c\"}}"));
            return tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"j1\", \"title\": \"dup\"}}"));
        })).isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(record(ns, "todos", "j2")).isNull();
        assertThat(stored.changes(ns)).hasSize(2);
        assertThat(stored.count(IDEMPOTENCY, ns)).isZero();

        assertThatThrownBy(() -> datafn.transact(ns, null, tx -> {
            tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"j1\"}"));
            throw new IllegalStateException("the application changed its mind");
        })).hasMessageContaining("changed its mind");
        assertThat(record(ns, "todos", "j1")).isNotNull();
    }

    @Test
    void aKeyUsedTwiceInOneTransactionAppliesOnce() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-twice");
        String step = """
                {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "same",
                              "record": {"id": "g1", "name": "x"}}}""";
        ObjectNode answer = transact(ns, "{\"steps\": [" + step + ", " + step + "]}");
        assertThat(answer.at("/results/0/result/deduped").booleanValue()).isFalse();
        assertThat(answer.at("/results/1/result/deduped").booleanValue()).isTrue();
        assertThat(answer.at("/results/1/result/serverSeq")).isEqualTo(answer.at("/results/0/result/serverSeq"));
        assertThat(stored.changes(ns)).hasSize(1);
        ObjectNode reused = transact(ns, "{\"steps\": [" + step + ", " + step.replace("\"x\"", "\"y\"") + "]}");
        assertThat(reused.at("/error/code").textValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.get("failedStep").intValue()).isEqualTo(1);
    }

    @Test
    void concurrentAtomicTransactionsKeepSeqsGapFreeAndInCommitOrder() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("tx-concurrent");
        var answers = runConcurrently(10, () -> transact(ns, """
                {"steps": [
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"name": "%s"}}},
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"name": "%s"}}}
                ]}""".formatted(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())));
        assertThat(answers).allSatisfy(a -> {
            long first = a.at("/results/0/result/serverSeq").longValue();
            assertThat(a.at("/results/1/result/serverSeq").longValue()).isEqualTo(first + 1);
        });
        assertThat(stored.changes(ns)).extracting(c -> c.serverSeq())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }
}
