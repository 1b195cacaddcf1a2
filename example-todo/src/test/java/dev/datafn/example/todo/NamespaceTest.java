package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.QueryResult;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two namespaces share one database and never see each other: every surface (query, count, every
 * mutation operation by id, guards, relation operations, transactions, idempotency keys, serverSeq)
 * is tried from the wrong side.
 */
@OnEveryDatabase
class NamespaceTest extends AbstractEngineTest {

    @Test
    void aForeignRecordIsInvisibleToQueriesAndCounts() {
        Namespace alice = TestDatabases.uniqueNamespace("alice");
        Namespace bob = TestDatabases.uniqueNamespace("bob");
        insertTodo(alice, "{\"id\": \"secret\", \"title\": \"Alice's plan\"}");
        assertThat(query(bob, "{\"resource\": \"todos\", \"version\": 1, \"count\": true}").count()).isZero();
        assertThat(query(bob, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"secret\"}}").data())
                .isEmpty();
        assertThat(query(alice, "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"secret\"}}").data())
                .hasSize(1);
    }

    @Test
    void aForeignIdAnswersExactlyLikeAMissingOne() {
        Namespace alice = TestDatabases.uniqueNamespace("alice");
        Namespace bob = TestDatabases.uniqueNamespace("bob");
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
        Namespace alice = TestDatabases.uniqueNamespace("alice");
        Namespace bob = TestDatabases.uniqueNamespace("bob");
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

    @Test
    void everyWriteOperationTreatsAForeignRecordAsMissing() {
        Namespace alice = TestDatabases.uniqueNamespace("alice");
        Namespace bob = TestDatabases.uniqueNamespace("bob");
        insertTodo(alice, "{\"id\": \"a-todo\", \"title\": \"Alice's\", \"tags\": [\"a-tag\"]}");
        mutate(alice, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"a-tag\", \"name\": \"mine\"}}");
        insertTodo(bob, "{\"id\": \"b-todo\", \"title\": \"Bob's\"}");
        String todo = "{\"resource\": \"todos\", \"version\": 1, ";
        assertError(() -> mutate(bob, todo + "\"operation\": \"replace\", \"id\": \"a-todo\", \"record\": {\"title\": \"x\"}}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'a-todo'");
        assertError(() -> mutate(bob, todo + "\"operation\": \"merge\", \"id\": \"a-todo\", \"record\": {}, \"if\": {\"title\": \"Alice's\"}}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'a-todo'");
        assertError(() -> mutate(bob, todo + "\"operation\": \"relate\", \"id\": \"a-todo\", \"relation\": \"tags\", \"targetId\": \"a-tag\"}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'a-todo'");
        assertError(() -> mutate(bob, todo + "\"operation\": \"relate\", \"id\": \"b-todo\", \"relation\": \"tags\", \"targetId\": \"a-tag\"}"),
                ErrorCode.NOT_FOUND, "targetId", "no 'tags' record with id 'a-tag'");
        assertError(() -> mutate(bob, todo + "\"operation\": \"modifyRelation\", \"id\": \"a-todo\", \"relation\": \"tags\", \"targetId\": \"a-tag\", \"metadata\": {}}"),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 'a-todo'");
        // Deleting Bob's own tag of the same id does not touch Alice's links to hers.
        mutate(bob, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"a-tag\", \"name\": \"his\"}}");
        mutate(bob, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"delete\", \"id\": \"a-tag\"}");
        assertThat(record(alice, "todos", "a-todo").get("tags").toString()).isEqualTo("[\"a-tag\"]");
        // An upsert of a foreign id creates Bob's own record; Alice's stays as it was.
        mutate(bob, todo + "\"operation\": \"upsert\", \"id\": \"a-todo\", \"record\": {\"title\": \"Bob's copy\"}}");
        assertThat(record(alice, "todos", "a-todo").get("title").textValue()).isEqualTo("Alice's");
        // A transaction sees only its own namespace, in its queries and its writes.
        var answer = Envelope.transact(datafn.transact(bob, null, json("""
                {"steps": [{"query": {"resource": "todos", "version": 1, "filters": {"title": "Alice's"}}},
                           {"mutation": {"resource": "todos", "version": 1, "operation": "delete", "id": "b-todo"}}]}""")), true);
        assertThat(answer.at("/results/0/result/data").size()).isZero();
        assertThat(record(alice, "todos", "a-todo")).isNotNull();
        assertThat(stored.changes(alice)).hasSize(2);
    }

    /**
     * The same ids in two namespaces, with different names and links: every kind of read statement (a page,
     * its count, relation filters, link tests, value lists, expansions, groupings) answers from the reader's
     * namespace alone. Each statement states the namespace itself, so one that forgot would show here.
     */
    @Test
    void everyReadStatementStaysInItsNamespaceWhenIdsCollide() {
        Namespace alice = TestDatabases.uniqueNamespace("alice");
        Namespace bob = TestDatabases.uniqueNamespace("bob");
        for (Namespace ns : List.of(alice, bob)) {
            String owner = ns == alice ? "alice" : "bob";
            mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"p\", \"name\": \"%s's project\"}}".formatted(owner));
            mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"g\", \"name\": \"%s-tag\"}}".formatted(owner));
        }
        insertTodo(alice, "{\"id\": \"t1\", \"title\": \"Alice's\", \"projectId\": \"p\", \"tags\": [\"g\"]}");
        insertTodo(alice, "{\"id\": \"t2\", \"title\": \"Alice's other\", \"projectId\": \"p\", \"tags\": [\"g\"]}");
        insertTodo(bob, "{\"id\": \"t1\", \"title\": \"Bob's\", \"projectId\": \"p\"}");
        String todos = "{\"resource\": \"todos\", \"version\": 1, ";

        for (String aliceOnly : List.of("{\"project.name\": \"alice's project\"}", "{\"tags.name\": \"alice-tag\"}",
                "{\"tags\": {\"contains\": \"g\"}}", "{\"tags\": {\"is_not_null\": true}}", "{\"id\": \"t2\"}")) {
            QueryResult found = query(bob, todos + "\"count\": true, \"filters\": " + aliceOnly + "}");
            assertThat(found.data()).as(aliceOnly).isEmpty();
            assertThat(found.count()).as(aliceOnly).isZero();
        }
        assertThat(titles(query(bob, todos + "\"filters\": {\"id\": {\"in\": [\"t1\", \"t2\"]}}}")))
                .containsExactly("Bob's");
        assertThat(titles(query(bob, todos + "\"filters\": {\"tags\": {\"is_null\": true}}}")))
                .containsExactly("Bob's");

        QueryResult bobs = query(bob, todos + "\"select\": [\"id\", \"tags\", \"project.*\", \"tags.*\"]}");
        assertThat(bobs.data()).hasSize(1);
        assertThat(bobs.data().getFirst().get("tags").size()).isZero();
        assertThat(bobs.data().getFirst().get("project").get("name").textValue()).isEqualTo("bob's project");
        QueryResult alices = query(alice, todos + "\"select\": [\"id\", \"tags\", \"project.*\", \"tags.*\"], "
                + "\"filters\": {\"id\": \"t1\"}}");
        assertThat(alices.data().getFirst().get("tags").toString()).contains("alice-tag").doesNotContain("bob");
        assertThat(alices.data().getFirst().get("project").get("name").textValue()).isEqualTo("alice's project");

        QueryResult groups = query(bob, todos + "\"groupBy\": [\"projectId\"], "
                + "\"aggregations\": {\"n\": {\"fn\": \"count\"}}}");
        assertThat(groups.data()).extracting(Object::toString).containsExactly("{\"projectId\":\"p\",\"n\":1}");
    }
}
