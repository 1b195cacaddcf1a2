package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.db.Database;
import dev.datafn.execute.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.testing.ChangeLogReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every engine suite shares: one DataFn over the suite's database, a fresh namespace per test
 * class, and JSON helpers. Subclasses say which database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractEngineTest {

    protected DataFn datafn;
    protected Database database;
    protected ChangeLogReader stored;

    /** @return the database this run uses */
    protected abstract Database database();

    @BeforeAll
    void startEngine() {
        database = database();
        datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .limits(l -> l.maxLimit(50)).build();
        stored = new ChangeLogReader(database);
    }

    @AfterAll
    void stopEngine() {
        if (datafn != null) {
            datafn.close();
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    QueryResult query(String namespace, String dfql) {
        return datafn.query(namespace, json(dfql));
    }

    MutationResult mutate(String namespace, String mutation) {
        return datafn.mutate(namespace, "tester", json(mutation));
    }

    MutationResult insertTodo(String namespace, String recordJson) {
        return mutate(namespace, """
                {"resource": "todos", "version": 1, "operation": "insert", "record": %s}""".formatted(recordJson));
    }

    static List<String> ids(QueryResult result) {
        return result.data().stream().map(r -> r.get("id").textValue()).toList();
    }

    static List<String> titles(QueryResult result) {
        return result.data().stream().map(r -> r.get("title").textValue()).toList();
    }

    static void assertError(Runnable call, ErrorCode code, String path, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DataFnException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    static JsonNode field(QueryResult result, int row, String name) {
        return result.data().get(row).get(name);
    }
}
