package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code POST /datafn/push}: offline mutations in order, idempotent, each on its own or all at once. */
@OnEveryDatabase
class PushTest extends AbstractEngineTest {

    private static final String OFFLINE = """
            {"version": 1, "mutations": [
              {"resource": "todos", "version": 1, "operation": "insert", "clientId": "phone", "mutationId": "m1",
               "record": {"id": "p1", "title": "made offline"}},
              {"resource": "todos", "version": 1, "operation": "merge", "clientId": "phone", "mutationId": "m2",
               "id": "p1", "record": {"priority": 4}},
              {"resource": "todos", "version": 1, "operation": "insert", "clientId": "phone", "mutationId": "m3",
               "record": {"id": "p2", "title": "also offline"}}
            ]}""";

    ObjectNode push(Namespace ns, String request) {
        return Envelope.push(datafn.push(ns, "phone-user", json(request)), true);
    }

    @Test
    void pushedMutationsApplyInOrderAndAPushRepeatedChangesNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("push");
        ObjectNode first = push(ns, OFFLINE);
        assertThat(first.get("ok").booleanValue()).isTrue();
        assertThat(first.get("results")).extracting(r -> r.at("/result/serverSeq").longValue())
                .containsExactly(1L, 2L, 3L);
        assertThat(record(ns, "todos", "p1").get("priority").intValue()).isEqualTo(4);
        ObjectNode again = push(ns, OFFLINE);
        assertThat(again.get("results")).extracting(r -> r.at("/result/deduped").booleanValue())
                .containsExactly(true, true, true);
        assertThat(again.get("results")).extracting(r -> r.at("/result/serverSeq").longValue())
                .containsExactly(1L, 2L, 3L);
        assertThat(stored.changes(ns)).hasSize(3);
        assertThat(stored.changes(ns).get(0).actor()).isEqualTo("phone-user");
    }

    @Test
    void aFailingMutationIsReportedAndDoesNotBlockTheOnesAfterIt() {
        Namespace ns = TestDatabases.uniqueNamespace("push-fail");
        ObjectNode answer = push(ns, """
                {"mutations": [
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "a", "title": "a"}},
                  {"resource": "todos", "version": 1, "operation": "merge", "id": "missing", "record": {"priority": 1}},
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b"}},
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "c", "title": "c"}}
                ]}""");
        assertThat(answer.get("ok").booleanValue()).isFalse();
        assertThat(answer.get("results")).extracting(r -> r.get("ok").booleanValue())
                .containsExactly(true, false, false, true);
        assertThat(answer.at("/results/1/error/code").textValue()).isEqualTo("NOT_FOUND");
        assertThat(answer.at("/results/1/error/path").textValue()).isEqualTo("mutations[1].id");
        assertThat(answer.at("/results/2/error/path").textValue()).isEqualTo("mutations[2].record.title");
        assertThat(record(ns, "todos", "a")).isNotNull();
        assertThat(record(ns, "todos", "c")).isNotNull();
        assertThat(stored.changes(ns)).hasSize(2);
    }

    @Test
    void anAtomicPushAppliesAllOrNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("push-atomic");
        ObjectNode failed = push(ns, """
                {"atomic": true, "mutations": [
                  {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                   "record": {"id": "a", "title": "a"}},
                  {"resource": "todos", "version": 1, "operation": "merge", "id": "missing", "record": {"priority": 1}}
                ]}""");
        assertThat(failed.get("ok").booleanValue()).isFalse();
        assertThat(failed.get("failedIndex").intValue()).isEqualTo(1);
        assertThat(failed.at("/error/path").textValue()).isEqualTo("mutations[1].id");
        assertThat(record(ns, "todos", "a")).isNull();
        assertThat(stored.changes(ns)).isEmpty();
        ObjectNode invalid = push(ns, """
                {"atomic": true, "mutations": [
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "a", "title": "a"}},
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "b", "priority": 9}}
                ]}""");
        assertThat(invalid.get("failedIndex").intValue()).isEqualTo(1);
        assertThat(invalid.at("/error/code").textValue()).isEqualTo("VALIDATION_FAILED");
        ObjectNode applied = push(ns, """
                {"atomic": true, "mutations": [
                  {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "a", "title": "a"}},
                  {"resource": "todos", "version": 1, "operation": "merge", "id": "a", "record": {"priority": 2}}
                ]}""");
        assertThat(applied.get("results")).extracting(r -> r.at("/result/serverSeq").longValue())
                .containsExactly(1L, 2L);
    }

    @Test
    void badPushesAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("push-bad");
        assertError(() -> push(ns, "{\"version\": 1}"), ErrorCode.DFQL_INVALID, "mutations", "required");
        assertError(() -> push(ns, "{\"mutations\": {}}"), ErrorCode.DFQL_INVALID, "mutations", "required");
        assertError(() -> push(ns, "{\"version\": 3, \"mutations\": []}"), ErrorCode.DFQL_INVALID, "version", "version 1");
        assertError(() -> push(ns, "{\"mutations\": [], \"atomic\": \"yes\"}"), ErrorCode.DFQL_INVALID, "atomic", "");
        StringBuilder many = new StringBuilder("{\"mutations\": [");
        for (int i = 0; i <= datafn.limits().maxBatchSize(); i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        String tooMany = many.append("]}").toString();
        assertError(() -> push(ns, tooMany), ErrorCode.DFQL_INVALID, "mutations", "maxBatchSize");
        assertThat(stored.changes(ns)).isEmpty();
    }
}
