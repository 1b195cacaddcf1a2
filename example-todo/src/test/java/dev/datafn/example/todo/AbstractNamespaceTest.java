package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.ErrorCode;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Two namespaces share one database and never see each other: every surface of this foundation
 * (query, count, mutation by id, idempotency keys, serverSeq) is tried from the wrong side.
 */
abstract class AbstractNamespaceTest extends AbstractEngineTest {

    @Test
    void aForeignRecordIsInvisibleToQueriesAndCounts() {
        String alice = TestDatabases.uniqueNamespace("alice");
        String bob = TestDatabases.uniqueNamespace("bob");
        insertTodo(alice, "{\"id\": \"secret\", \"title\": \"Alice's plan\"}");
        assertThat(query(bob, "{\"resource\": \"todos\", \"version\": 1, \"count\": true}").count()).isZero();
        assertThat(query(bob, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"secret\"}}").data())
                .isEmpty();
        assertThat(query(alice, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"secret\"}}").data())
                .hasSize(1);
    }

    @Test
    void aForeignIdAnswersExactlyLikeAMissingOne() {
        String alice = TestDatabases.uniqueNamespace("alice");
        String bob = TestDatabases.uniqueNamespace("bob");
        insertTodo(alice, "{\"id\": \"shared\", \"title\": \"Alice's\"}");
        String merge = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"%s\", "
                + "\"record\": {\"title\": \"hijacked\"}}";
        assertError(() -> mutate(bob, merge.formatted("shared")), ErrorCode.NOT_FOUND, "id",
                "no 'todos' record with id 'shared'");
        assertError(() -> mutate(bob, merge.formatted("never-existed")), ErrorCode.NOT_FOUND, "id",
                "no 'todos' record with id 'never-existed'");
        assertError(() -> mutate(bob, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"shared\"}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record");
        // Bob may use the same id for a record of his own; both stay intact.
        insertTodo(bob, "{\"id\": \"shared\", \"title\": \"Bob's\"}");
        assertThat(titles(query(alice, "{\"resource\": \"todos\", \"version\": 1}"))).containsExactly("Alice's");
        assertThat(titles(query(bob, "{\"resource\": \"todos\", \"version\": 1}"))).containsExactly("Bob's");
    }

    @Test
    void eachNamespaceHasItsOwnServerSeqAndIdempotencyKeys() {
        String alice = TestDatabases.uniqueNamespace("alice");
        String bob = TestDatabases.uniqueNamespace("bob");
        String keyed = """
                {"resource": "tags", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m",
                 "record": {"name": "%s"}}""";
        assertThat(mutate(alice, keyed.formatted("a1")).serverSeq()).isEqualTo(1);
        assertThat(mutate(alice, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"a2\"}}").serverSeq())
                .isEqualTo(2);
        var bobs = mutate(bob, keyed.formatted("b1"));
        assertThat(bobs.deduped()).isFalse();
        assertThat(bobs.serverSeq()).isEqualTo(1);
        // Unique values are unique per namespace.
        assertThat(mutate(bob, keyed.formatted("a2").replace("\"m\"", "\"m2\"")).deduped()).isFalse();
        assertThat(stored.changes(alice)).extracting(ChangeLogReader.StoredChange::recordId).hasSize(2);
        assertThat(stored.changes(bob)).hasSize(2);
    }
}
