package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.transact.TransactResult;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DataFn.onCommit}: every write path reports each committed transaction once, with its namespace,
 * its last serverSeq and the resources it changed; nothing is reported for a rollback or a retry answered
 * from its idempotency record.
 */
@OnEveryDatabase
class CommitListenerTest extends AbstractEngineTest {

    private final List<CommittedWrite> heard = new CopyOnWriteArrayList<>();
    private AutoCloseable registration;
    private Namespace ns;

    @BeforeEach
    void listen() {
        ns = TestDatabases.uniqueNamespace("commits");
        registration = datafn.onCommit(write -> {
            if (write.namespace().equals(ns)) {
                heard.add(write);
            }
        });
    }

    @AfterEach
    void stopListening() throws Exception {
        registration.close();
        heard.clear();
    }

    @Test
    void aMutationIsHeardOnceWithItsSeqAndAnIdempotentRetryIsNotHeard() {
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                 "record": {"id": "t1", "title": "one"}}""";
        MutationResult first = mutate(ns, insert);
        MutationResult retry = mutate(ns, insert);

        assertThat(retry.deduped()).isTrue();
        assertThat(heard).containsExactly(new CommittedWrite(ns, first.serverSeq(), Set.of("todos")));
        assertThat(datafn.settledServerSeq(ns)).isEqualTo(first.serverSeq());
    }

    @Test
    void aTransactionIsHeardOnceWithEveryResourceItChangedAndARolledBackOneIsNotHeard() {
        TransactResult applied = datafn.transact(ns, "tester", json("""
                {"transactionId": "tx-1", "atomic": true, "steps": [
                  {"mutation": {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "p1", "name": "home"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t1", "title": "one", "projectId": "p1"}}}
                ]}"""));
        TransactResult rolledBack = datafn.transact(ns, "tester", json("""
                {"transactionId": "tx-2", "atomic": true, "steps": [
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "g1", "name": "soon"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "t1", "record": {"title": "x"},
                                "if": {"priority": 9}}}
                ]}"""));

        assertThat(applied.ok()).isTrue();
        assertThat(rolledBack.ok()).isFalse();
        assertThat(heard).containsExactly(new CommittedWrite(ns, 2, Set.of("projects", "todos")));
        assertThat(datafn.settledServerSeq(ns)).isEqualTo(2);
    }

    @Test
    void pushSeedAndTheKeyValueResourceAreHeardAndPruningIsNot() {
        datafn.push(ns, "phone-user", json("""
                {"version": 1, "mutations": [
                  {"resource": "todos", "version": 1, "operation": "insert", "clientId": "phone", "mutationId": "m1",
                   "record": {"id": "p1", "title": "made offline"}}
                ]}"""));
        datafn.seed(ns, "seeder", json("""
                {"data": {"tags": [{"id": "tag:seed-1", "name": "seeded"}]}}"""));
        datafn.kv(ns, "tester").set("theme", TextNode.valueOf("dark"));
        datafn.pruneExpired();

        assertThat(heard).extracting(CommittedWrite::resources)
                .containsExactly(Set.of("todos"), Set.of("tags"), Set.of("kv"));
        assertThat(heard).extracting(CommittedWrite::lastServerSeq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFailingListenerLeavesTheWriteAndTheOtherListeners() throws Exception {
        try (AutoCloseable failing = datafn.onCommit(write -> {
            throw new IllegalStateException("listener down");
        })) {
            MutationResult result = insertTodo(ns, "{\"id\": \"t1\", \"title\": \"stands\"}");

            assertThat(result.serverSeq()).isEqualTo(1);
            assertThat(heard).hasSize(1);
            assertThat(record(ns, "todos", "t1")).isNotNull();
        }
    }
}
