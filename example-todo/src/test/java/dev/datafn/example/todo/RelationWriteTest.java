package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader.StoredChange;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** relate, unrelate and modifyRelation on every kind of relation, and what deletes do to links. */
@OnEveryDatabase
class RelationWriteTest extends AbstractEngineTest {

    private Namespace seeded(String name) {
        Namespace ns = TestDatabases.uniqueNamespace(name);
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p1\", \"name\": \"Home\"}}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g1\", \"name\": \"urgent\"}}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g2\", \"name\": \"later\"}}");
        insertTodo(ns, "{\"id\": \"t1\", \"title\": \"one\"}");
        return ns;
    }

    private MutationResult relation(Namespace ns, String operation, String resource, String id, String relation,
            String targetId, String metadata) {
        return mutate(ns, "{\"resource\": \"" + resource + "\", \"version\": 1, \"operation\": \"" + operation
                + "\", \"id\": \"" + id + "\", \"relation\": \"" + relation + "\", \"targetId\": \"" + targetId + "\""
                + (metadata == null ? "" : ", \"metadata\": " + metadata) + "}");
    }

    private List<StoredChange> changesAfter(Namespace ns, long seq) {
        return stored.changes(ns).stream().filter(c -> c.serverSeq() > seq).toList();
    }

    @Test
    void relateAndUnrelateManyManyLogBothSides() {
        Namespace ns = seeded("relate-mm");
        long before = stored.changes(ns).size();
        MutationResult r = relation(ns, "relate", "todos", "t1", "tags", "g1", "{\"role\": \"owner\"}");
        assertThat(r.affectedIds()).containsExactly("t1", "g1");
        assertThat(r.record().get("tags").toString()).isEqualTo("[\"g1\"]");
        assertThat(record(ns, "todos", "t1").get("tags").toString()).isEqualTo("[\"g1\"]");
        List<StoredChange> logged = changesAfter(ns, before);
        assertThat(logged).extracting(StoredChange::resource, StoredChange::recordId, StoredChange::operation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("todos", "t1", "relate"),
                        org.assertj.core.groups.Tuple.tuple("tags", "g1", "relate"));
        JsonNode link = json(logged.get(0).link());
        assertThat(link.toString()).isEqualTo("{\"relation\":\"tags\",\"from\":{\"resource\":\"todos\",\"id\":\"t1\"},"
                + "\"to\":{\"resource\":\"tags\",\"id\":\"g1\"},\"metadata\":{\"role\":\"owner\"}}");
        assertThat(logged.get(1).link()).isEqualTo(logged.get(0).link());
        assertThat(r.serverSeq()).isEqualTo(logged.get(1).serverSeq());

        MutationResult again = relation(ns, "relate", "todos", "t1", "tags", "g1", null);
        assertThat(again.serverSeq()).as("already related: nothing to log").isZero();
        assertThat(changesAfter(ns, before)).hasSize(2);

        relation(ns, "unrelate", "todos", "t1", "tags", "g1", null);
        assertThat(record(ns, "todos", "t1").get("tags").size()).isZero();
        assertThat(changesAfter(ns, before)).extracting(StoredChange::operation)
                .containsExactly("relate", "relate", "unrelate", "unrelate");
        assertError(() -> relation(ns, "unrelate", "todos", "t1", "tags", "g1", null),
                ErrorCode.NOT_FOUND, "targetId", "is not related");
    }

    @Test
    void modifyRelationReplacesLinkMetadataAndMergesKeepIt() {
        Namespace ns = seeded("modify");
        relation(ns, "relate", "todos", "t1", "tags", "g1", "{\"role\": \"owner\"}");
        relation(ns, "modifyRelation", "todos", "t1", "tags", "g1", "{\"role\": \"viewer\", \"since\": 2026}");
        List<StoredChange> all = stored.changes(ns);
        StoredChange last = all.get(all.size() - 1);
        assertThat(last.operation()).isEqualTo("modifyRelation");
        assertThat(json(last.link()).get("metadata").toString()).isEqualTo("{\"role\":\"viewer\",\"since\":2026}");
        // Writing the id list keeps the metadata of links that stay.
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"t1\", \"record\": {\"tags\": [\"g1\", \"g2\"]}}");
        relation(ns, "unrelate", "todos", "t1", "tags", "g2", null);
        relation(ns, "relate", "todos", "t1", "tags", "g1", null);
        List<StoredChange> after = stored.changes(ns);
        assertThat(after.get(after.size() - 1).operation()).as("g1 still linked with its metadata: relate is a no-op")
                .isEqualTo("unrelate");
        assertError(() -> relation(ns, "modifyRelation", "todos", "t1", "tags", "g2", "{}"),
                ErrorCode.NOT_FOUND, "targetId", "is not related");
        assertError(() -> relation(ns, "modifyRelation", "todos", "t1", "project", "p1", "{}"),
                ErrorCode.DFQL_UNSUPPORTED, "metadata", "only many-many links carry metadata");
    }

    @Test
    void relateManyOneSetsTheIdField() {
        Namespace ns = seeded("relate-refs");
        long before = stored.changes(ns).size();
        MutationResult r = relation(ns, "relate", "todos", "t1", "project", "p1", null);
        assertThat(r.record().get("projectId").textValue()).isEqualTo("p1");
        assertThat(changesAfter(ns, before)).extracting(StoredChange::resource).containsExactly("todos", "projects");
        assertError(() -> relation(ns, "unrelate", "todos", "t1", "project", "p2", null),
                ErrorCode.NOT_FOUND, "targetId", "no 'projects' record with id 'p2'");
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p2\", \"name\": \"Work\"}}");
        assertError(() -> relation(ns, "unrelate", "todos", "t1", "project", "p2", null),
                ErrorCode.NOT_FOUND, "targetId", "is not related");
        relation(ns, "unrelate", "todos", "t1", "project", "p1", null);
        assertThat(record(ns, "todos", "t1").get("projectId").isNull()).isTrue();
    }

    @Test
    void relationOperationsCheckBothRecordsAndTheRelation() {
        Namespace ns = seeded("relate-errors");
        long before = stored.changes(ns).size();
        assertError(() -> relation(ns, "relate", "todos", "t-none", "tags", "g1", null),
                ErrorCode.NOT_FOUND, "id", "no 'todos' record with id 't-none'");
        assertError(() -> relation(ns, "relate", "todos", "t1", "tags", "g-none", null),
                ErrorCode.NOT_FOUND, "targetId", "no 'tags' record with id 'g-none'");
        assertError(() -> relation(ns, "relate", "todos", "t1", "labels", "g1", null),
                ErrorCode.DFQL_UNKNOWN_RELATION, "relation", "no relation 'labels'");
        assertError(() -> relation(ns, "relate", "todos", "t1", "tags", "bad id!", null),
                ErrorCode.DFQL_INVALID, "targetId", "letters, digits");
        assertError(() -> relation(ns, "relate", "todos", "t1", "project", "p1", "{\"x\": 1}"),
                ErrorCode.DFQL_UNSUPPORTED, "metadata", "only many-many");
        assertError(() -> mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"relate\", \"id\": \"t1\", \"relation\": \"tags\"}"),
                ErrorCode.DFQL_INVALID, "targetId", "required");
        // A target in another namespace is the same as a missing one.
        Namespace other = seeded("relate-other");
        mutate(other, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g-foreign\", \"name\": \"x\"}}");
        assertError(() -> relation(ns, "relate", "todos", "t1", "tags", "g-foreign", null),
                ErrorCode.NOT_FOUND, "targetId", "no 'tags' record with id 'g-foreign'");
        assertThat(stored.changes(ns)).hasSize((int) before);
    }

    @Test
    void deletingARecordRemovesItsLinksOnBothSidesAndSaysSo() {
        Namespace ns = seeded("delete-links");
        insertTodo(ns, "{\"id\": \"t2\", \"title\": \"two\", \"tags\": [\"g1\", \"g2\"]}");
        relation(ns, "relate", "todos", "t1", "tags", "g1", null);
        long before = stored.changes(ns).size();
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"delete\", \"id\": \"g1\"}");
        assertThat(record(ns, "todos", "t1").get("tags").size()).isZero();
        assertThat(record(ns, "todos", "t2").get("tags").toString()).isEqualTo("[\"g2\"]");
        List<StoredChange> logged = changesAfter(ns, before);
        assertThat(logged).extracting(StoredChange::resource, StoredChange::recordId, StoredChange::operation)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("todos", "t1", "unrelate"),
                        org.assertj.core.groups.Tuple.tuple("todos", "t2", "unrelate"),
                        org.assertj.core.groups.Tuple.tuple("tags", "g1", "delete"));
        assertThat(json(stored.data(ns, logged.get(0).serverSeq())).get("tags").toString()).doesNotContain("g1");
        // The owner's delete takes its own link rows with it.
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"t2\"}");
        assertThat(stored.count("select count(*) from todos_tags where namespace = ?", ns)).isZero();
    }
}
