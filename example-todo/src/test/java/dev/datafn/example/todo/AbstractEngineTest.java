package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What every engine suite shares: one DataFn over the suite's database, a fresh namespace per test
 * class, and JSON helpers. A suite runs once per database ({@link OnEveryDatabase}), with an engine
 * of its own on each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractEngineTest {

    protected DataFn datafn;
    protected Database database;
    protected ChangeLogReader stored;

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    /** @return the database this run uses; the run is skipped when it is not configured */
    protected Database database() {
        return testDatabase.open();
    }

    @BeforeParameterizedClassInvocation
    void startEngine() {
        database = database();
        datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .limits(l -> l.maxLimit(50)).build();
        stored = new ChangeLogReader(database);
    }

    @AfterParameterizedClassInvocation
    void stopEngine() {
        if (datafn != null) {
            datafn.close();
            datafn = null;
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return any JSON value, e.g. a batch array */
    static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    QueryResult query(Namespace namespace, String dfql) {
        return datafn.query(namespace, json(dfql));
    }

    MutationResult mutate(Namespace namespace, String mutation) {
        return datafn.mutate(namespace, "tester", json(mutation));
    }

    MutationResult insertTodo(Namespace namespace, String recordJson) {
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

    /** Runs copies of the work at once, all released by one latch, and returns their results in order. */
    static <T> List<T> runConcurrently(int copies, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the one record of a resource with this id, read through a query */
    ObjectNode record(Namespace namespace, String resource, String id) {
        List<ObjectNode> rows = query(namespace, "{\"resource\": \"" + resource + "\", \"version\": 1, "
                + "\"filters\": {\"id\": \"" + id + "\"}}").data();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
