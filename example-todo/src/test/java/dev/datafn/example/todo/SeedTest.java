package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code POST /datafn/seed}: idempotent by id, logged for sync, all or nothing. */
@OnEveryDatabase
class SeedTest extends AbstractEngineTest {

    private static final String SEED = """
            {"data": {
              "tags": [{"id": "tag:seed-1", "name": "seeded"}],
              "todos": [{"id": "todo:seed-1", "title": "Seeded Task", "completed": false, "tags": ["tag:seed-1"]},
                        {"id": "todo:seed-2", "title": "Another"}]
            }}""";

    ObjectNode seed(Namespace ns, String request) {
        return datafn.seed(ns, "seeder", json(request));
    }

    @Test
    void seedingInsertsOnceAndSeedingAgainChangesNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("seed");
        ObjectNode first = seed(ns, SEED);
        assertThat(first.at("/inserted/todos").intValue()).isEqualTo(2);
        assertThat(first.at("/inserted/tags").intValue()).isEqualTo(1);
        assertThat(record(ns, "todos", "todo:seed-1").get("tags").toString()).isEqualTo("[\"tag:seed-1\"]");
        assertThat(stored.changes(ns)).hasSize(3);
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"todo:seed-2\", "
                + "\"record\": {\"title\": \"edited since\"}}");
        ObjectNode again = seed(ns, SEED);
        assertThat(again.at("/inserted/todos").intValue()).isZero();
        assertThat(again.at("/skipped/todos").intValue()).isEqualTo(2);
        assertThat(again.at("/skipped/tags").intValue()).isEqualTo(1);
        assertThat(record(ns, "todos", "todo:seed-2").get("title").textValue()).isEqualTo("edited since");
        assertThat(stored.changes(ns)).hasSize(4);
        ObjectNode pulled = datafn.pull(ns, json("{\"cursors\": {\"todos\": \"0\"}}"));
        assertThat(pulled.at("/records/todos")).hasSize(2);
    }

    @Test
    void aBadRecordRefusesTheWholeSeedAtItsPath() {
        Namespace ns = TestDatabases.uniqueNamespace("seed-bad");
        assertError(() -> seed(ns, "{\"data\": {\"todos\": [{\"id\": \"a\", \"title\": \"ok\"}, {\"id\": \"b\"}]}}"),
                ErrorCode.VALIDATION_FAILED, "data.todos[1].title", "title");
        assertError(() -> seed(ns, "{\"data\": {\"todos\": [{\"title\": \"no id\"}]}}"), ErrorCode.DFQL_INVALID,
                "data.todos[0].id", "needs its id");
        assertError(() -> seed(ns, "{\"data\": {\"todos\": [{\"id\": \"a\", \"title\": \"x\"}, {\"id\": \"a\", \"title\": \"y\"}]}}"),
                ErrorCode.DFQL_INVALID, "data.todos[1].id", "twice");
        assertError(() -> seed(ns, "{\"data\": {\"nope\": []}}"), ErrorCode.DFQL_UNKNOWN_RESOURCE, "data.nope", "unknown");
        assertError(() -> seed(ns, "{\"data\": {\"todos\": {}}}"), ErrorCode.DFQL_INVALID, "data.todos", "array");
        assertError(() -> seed(ns, "{}"), ErrorCode.DFQL_INVALID, "data", "required");
        assertError(() -> seed(ns, "{\"data\": {\"todos\": [{\"id\": \"a\", \"title\": \"x\", \"createdAt\": 1}]}}"),
                ErrorCode.DFQL_INVALID, "data.todos[0].createdAt", "createdAt");
        assertThat(stored.changes(ns)).isEmpty();
        assertThat(record(ns, "todos", "a")).isNull();
    }
}
