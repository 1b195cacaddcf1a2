package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /datafn/clone}: every row, whole or paged, with cursors from which pull brings exactly
 * what the clone does not hold, even when writes land between pages.
 */
@OnEveryDatabase
class CloneTest extends AbstractEngineTest {

    ObjectNode cloneOf(Namespace ns, String request) {
        return datafn.clone(ns, json(request));
    }

    private void write(Namespace ns, String mutation) {
        mutate(ns, mutation);
    }

    @Test
    void aCloneHoldsEveryRowWithItsLinksAndCursorsThatPullFromNothingMissed() {
        Namespace ns = TestDatabases.uniqueNamespace("clone");
        write(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g1\", \"name\": \"home\"}}");
        write(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g2\", \"name\": \"work\"}}");
        for (int i = 0; i < 1_100; i++) {
            insertTodo(ns, "{\"id\": \"t%04d\", \"title\": \"todo %d\"%s}".formatted(i, i,
                    i % 100 == 0 ? ", \"tags\": [\"g2\", \"g1\"]" : ""));
        }
        write(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"t0001\"}");
        ObjectNode clone = cloneOf(ns, "{\"version\": 1, \"tables\": [\"todos\", \"tags\"]}");
        assertThat(clone.get("ok").booleanValue()).isTrue();
        JsonNode todos = clone.at("/data/todos");
        assertThat(todos).hasSize(1_099);
        assertThat(todos.get(0).get("id").textValue()).isEqualTo("t0000");
        assertThat(todos.get(0).get("tags").toString()).isEqualTo("[\"g1\",\"g2\"]");
        assertThat(todos.get(1).get("id").textValue()).isEqualTo("t0002");
        assertThat(clone.at("/data/tags")).hasSize(2);
        String seq = String.valueOf(2 + 1_100 + 1);
        assertThat(clone.at("/cursors/todos").textValue()).isEqualTo(seq);
        assertThat(clone.at("/cursors/tags").textValue()).isEqualTo(seq);
        assertThat(clone.has("hasMore")).isFalse();
        ObjectNode pulled = datafn.pull(ns, json("{\"cursors\": {\"todos\": \"" + seq + "\", \"tags\": \"" + seq + "\"}}"));
        assertThat(pulled.at("/records/todos")).isEmpty();
    }

    /**
     * A paged clone while others write: rows changed after the clone's cursor are left to the pull, and
     * clone plus pull is exactly the current state, each change delivered once.
     */
    @Test
    void aPagedCloneWithWritesBetweenPagesPlusOnePullIsExactlyTheCurrentState() {
        Namespace ns = TestDatabases.uniqueNamespace("clone-pages");
        for (int i = 0; i < 25; i++) {
            insertTodo(ns, "{\"id\": \"t%02d\", \"title\": \"todo %d\"}".formatted(i, i));
        }
        Map<String, JsonNode> client = new TreeMap<>();
        List<String> cloned = new ArrayList<>();
        ObjectNode page = cloneOf(ns, "{\"tables\": [\"todos\"], \"limit\": 10}");
        String cursor = page.at("/cursors/todos").textValue();
        assertThat(cursor).isEqualTo("25");
        boolean wroteBetweenPages = false;
        while (true) {
            page.at("/data/todos").forEach(r -> {
                cloned.add(r.get("id").textValue());
                client.put(r.get("id").textValue(), r);
            });
            assertThat(page.at("/cursors/todos").textValue()).isEqualTo(cursor);
            if (!page.get("hasMore").booleanValue()) {
                break;
            }
            if (!wroteBetweenPages) {
                // t03 was sent; t22 and t15 were not yet.
                write(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"t03\", \"record\": {\"priority\": 1}}");
                write(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"t22\", \"record\": {\"priority\": 2}}");
                write(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"t15\"}");
                insertTodo(ns, "{\"id\": \"t99\", \"title\": \"new\"}");
                wroteBetweenPages = true;
            }
            page = cloneOf(ns, "{\"tables\": [\"todos\"], \"limit\": 10, \"continuation\": \""
                    + page.get("continuation").textValue() + "\"}");
        }
        assertThat(cloned).doesNotContain("t22", "t15", "t99").doesNotHaveDuplicates().isSorted();
        ObjectNode pulled = datafn.pull(ns, json("{\"cursors\": {\"todos\": \"" + cursor + "\"}}"));
        List<String> pulledIds = new ArrayList<>();
        pulled.at("/records/todos").forEach(r -> {
            pulledIds.add(r.get("id").textValue());
            if (r.get("__deleted").booleanValue()) {
                client.remove(r.get("id").textValue());
            } else {
                ObjectNode copy = r.deepCopy();
                copy.remove("__deleted");
                client.put(r.get("id").textValue(), copy);
            }
        });
        assertThat(pulledIds).containsExactly("t03", "t22", "t15", "t99");
        Map<String, JsonNode> server = new TreeMap<>();
        datafn.clone(ns, json("{\"tables\": [\"todos\"]}")).at("/data/todos")
                .forEach(r -> server.put(r.get("id").textValue(), r));
        assertThat(client).isEqualTo(server);
    }

    @Test
    void aCloneSeesOnlyItsOwnNamespace() {
        Namespace mine = TestDatabases.uniqueNamespace("clone-mine");
        Namespace theirs = TestDatabases.uniqueNamespace("clone-theirs");
        insertTodo(theirs, "{\"id\": \"secret\", \"title\": \"theirs\"}");
        insertTodo(mine, "{\"id\": \"open\", \"title\": \"mine\"}");
        assertThat(cloneOf(mine, "{\"tables\": [\"todos\"]}").at("/data/todos")).hasSize(1);
        assertThat(cloneOf(mine, "{\"tables\": [\"todos\"], \"limit\": 5}").at("/data/todos/0/id").textValue())
                .isEqualTo("open");
    }

    @Test
    void badClonesAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("clone-bad");
        assertError(() -> cloneOf(ns, "{\"version\": 1}"), ErrorCode.DFQL_INVALID, "tables", "required");
        assertError(() -> cloneOf(ns, "{\"tables\": []}"), ErrorCode.DFQL_INVALID, "tables", "required");
        assertError(() -> cloneOf(ns, "{\"tables\": [\"todos\", \"nope\"]}"), ErrorCode.DFQL_UNKNOWN_RESOURCE,
                "tables[1]", "unknown table");
        assertError(() -> cloneOf(ns, "{\"tables\": [\"todos\", \"todos\"]}"), ErrorCode.DFQL_INVALID, "tables[1]",
                "twice");
        assertError(() -> cloneOf(ns, "{\"tables\": [\"todos\"], \"limit\": 100000}"), ErrorCode.DFQL_INVALID,
                "limit", "maxPullLimit");
        assertError(() -> cloneOf(ns, "{\"tables\": [\"todos\"], \"limit\": 5, \"continuation\": \"xyz\"}"),
                ErrorCode.DFQL_INVALID, "continuation", "not a continuation");
        assertError(() -> cloneOf(ns, "{\"tables\": [\"todos\"], \"continuation\": \"xyz\"}"),
                ErrorCode.DFQL_INVALID, "continuation", "limit");
        for (int i = 0; i < 3; i++) {
            insertTodo(ns, "{\"title\": \"t\"}");
        }
        String continuation = cloneOf(ns, "{\"tables\": [\"todos\"], \"limit\": 2}").get("continuation").textValue();
        assertError(() -> cloneOf(ns, "{\"tables\": [\"tags\"], \"limit\": 2, \"continuation\": \"" + continuation + "\"}"),
                ErrorCode.DFQL_INVALID, "continuation", "these tables");
    }
}
