package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.config.Retention;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code POST /datafn/pull}: changes since a cursor, in order, paged, per namespace, with retention. */
@OnEveryDatabase
class PullTest extends AbstractEngineTest {

    ObjectNode pull(Namespace ns, String request) {
        return datafn.pull(ns, json(request));
    }

    @Test
    void aPullAnswersEachRecordAsAfterItsLastChangeWithTombstonesAndNewCursors() {
        Namespace ns = TestDatabases.uniqueNamespace("pull");
        insertTodo(ns, "{\"id\": \"a\", \"title\": \"first\"}");
        insertTodo(ns, "{\"id\": \"b\", \"title\": \"second\"}");
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"a\", \"record\": {\"priority\": 3}}");
        mutate(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", \"id\": \"b\"}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g\", \"name\": \"home\"}}");

        ObjectNode answer = pull(ns, "{\"version\": 1, \"cursors\": {\"todos\": \"0\", \"tags\": \"0\"}}");
        assertThat(answer.get("ok").booleanValue()).isTrue();
        JsonNode todos = answer.at("/records/todos");
        assertThat(todos).hasSize(2);
        assertThat(todos.get(0).get("id").textValue()).isEqualTo("a");
        assertThat(todos.get(0).get("priority").intValue()).isEqualTo(3);
        assertThat(todos.get(0).get("__deleted").booleanValue()).isFalse();
        assertThat(todos.get(1).toString()).isEqualTo("{\"id\":\"b\",\"__deleted\":true}");
        assertThat(answer.at("/records/tags/0/name").textValue()).isEqualTo("home");
        assertThat(answer.at("/cursors/todos").textValue()).isEqualTo("5");
        assertThat(answer.at("/cursors/tags").textValue()).isEqualTo("5");
        assertThat(answer.get("hasMore").booleanValue()).isFalse();

        ObjectNode again = pull(ns, "{\"version\": 1, \"cursors\": {\"todos\": \"5\", \"tags\": \"5\"}}");
        assertThat(again.at("/records/todos")).isEmpty();
        assertThat(again.at("/cursors/todos").textValue()).isEqualTo("5");
        insertTodo(ns, "{\"id\": \"c\", \"title\": \"third\"}");
        ObjectNode next = pull(ns, "{\"version\": 1, \"cursors\": {\"todos\": \"5\"}}");
        assertThat(next.at("/records/todos/0/id").textValue()).isEqualTo("c");
        assertThat(next.at("/cursors/todos").textValue()).isEqualTo("6");
    }

    @Test
    void aLimitedPullPagesThroughEveryChangeInOrder() {
        Namespace ns = TestDatabases.uniqueNamespace("pull-pages");
        for (int i = 0; i < 25; i++) {
            insertTodo(ns, "{\"id\": \"t%02d\", \"title\": \"todo %d\"}".formatted(i, i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "0";
        List<Boolean> more = new ArrayList<>();
        do {
            ObjectNode page = pull(ns, "{\"cursors\": {\"todos\": \"" + cursor + "\"}, \"limit\": 10}");
            page.at("/records/todos").forEach(r -> seen.add(r.get("id").textValue()));
            cursor = page.at("/cursors/todos").textValue();
            more.add(page.get("hasMore").booleanValue());
        } while (more.getLast());
        assertThat(more).containsExactly(true, true, false);
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
        assertThat(cursor).isEqualTo("25");
    }

    @Test
    void aFullPageLeavesTheTablesAfterItWhereTheyWere() {
        Namespace ns = TestDatabases.uniqueNamespace("pull-budget");
        for (int i = 0; i < 3; i++) {
            insertTodo(ns, "{\"id\": \"t%d\", \"title\": \"todo\"}".formatted(i));
        }
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g\", \"name\": \"x\"}}");
        ObjectNode page = pull(ns, "{\"cursors\": {\"todos\": \"0\", \"tags\": \"0\"}, \"limit\": 3}");
        assertThat(page.at("/records/todos")).hasSize(3);
        assertThat(page.at("/records/tags")).isEmpty();
        assertThat(page.at("/cursors/tags").textValue()).isEqualTo("0");
        assertThat(page.get("hasMore").booleanValue()).isTrue();
        ObjectNode rest = pull(ns, "{\"cursors\": {\"todos\": \"" + page.at("/cursors/todos").textValue()
                + "\", \"tags\": \"0\"}, \"limit\": 3}");
        assertThat(rest.at("/records/tags/0/id").textValue()).isEqualTo("g");
        assertThat(rest.get("hasMore").booleanValue()).isFalse();
    }

    @Test
    void aPullSeesOnlyItsOwnNamespace() {
        Namespace mine = TestDatabases.uniqueNamespace("pull-mine");
        Namespace theirs = TestDatabases.uniqueNamespace("pull-theirs");
        insertTodo(theirs, "{\"id\": \"secret\", \"title\": \"theirs\"}");
        insertTodo(mine, "{\"id\": \"open\", \"title\": \"mine\"}");
        ObjectNode answer = pull(mine, "{\"cursors\": {\"todos\": \"0\"}}");
        assertThat(answer.at("/records/todos")).hasSize(1);
        assertThat(answer.at("/records/todos/0/id").textValue()).isEqualTo("open");
        assertThat(answer.at("/cursors/todos").textValue()).isEqualTo("1");
    }

    @Test
    void badPullsAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("pull-bad");
        assertError(() -> pull(ns, "{\"version\": 1}"), ErrorCode.DFQL_INVALID, "cursors", "required");
        assertError(() -> pull(ns, "{\"cursors\": {}}"), ErrorCode.DFQL_INVALID, "cursors", "required");
        assertError(() -> pull(ns, "{\"cursors\": {\"nope\": \"0\"}}"), ErrorCode.DFQL_UNKNOWN_RESOURCE,
                "cursors.nope", "unknown table");
        assertError(() -> pull(ns, "{\"cursors\": {\"todos\": \"x1\"}}"), ErrorCode.DFQL_INVALID, "cursors.todos",
                "not a cursor");
        assertError(() -> pull(ns, "{\"cursors\": {\"todos\": \"99999999999999999999\"}}"), ErrorCode.DFQL_INVALID,
                "cursors.todos", "not a cursor");
        assertError(() -> pull(ns, "{\"cursors\": {\"todos\": \"0\"}, \"limit\": 100000}"), ErrorCode.DFQL_INVALID,
                "limit", "maxPullLimit");
        assertError(() -> pull(ns, "{\"version\": 2, \"cursors\": {\"todos\": \"0\"}}"), ErrorCode.DFQL_INVALID,
                "version", "version 1");
        assertError(() -> pull(ns, "{\"cursors\": {\"todos\": \"0\"}, \"since\": 1}"), ErrorCode.DFQL_INVALID,
                "since", "unknown member");
    }

    /** A cursor below the pruned log must be told to clone again, never handed a gap. */
    @Test
    void aCursorOlderThanTheRetainedLogIsToldToCloneAgain() {
        Namespace ns = TestDatabases.uniqueNamespace("pull-expired");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        try (DataFn timed = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).clock(now::get)
                .retention(new Retention(30, 0, false, 0)).build()) {
            timed.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"old\", \"title\": \"old\"}}"));
            now.set(now.get().plus(Duration.ofDays(40)));
            timed.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"new\", \"title\": \"new\"}}"));
            assertThat(timed.pruneExpired()).isPositive();
            assertError(() -> timed.pull(ns, json("{\"cursors\": {\"todos\": \"0\"}}")), ErrorCode.CURSOR_EXPIRED,
                    "cursors.todos", "clone");
            ObjectNode fromKept = timed.pull(ns, json("{\"cursors\": {\"todos\": \"1\"}}"));
            assertThat(fromKept.at("/records/todos/0/id").textValue()).isEqualTo("new");
        }
    }
    /** The change log is pruned on startup when asked, and then every pruneIntervalMs. */
    @Test
    void theChangeLogIsPrunedOnStartupAndAtTheInterval() throws Exception {
        Namespace onStartup = TestDatabases.uniqueNamespace("prune-startup");
        Namespace atInterval = TestDatabases.uniqueNamespace("prune-interval");
        Instant then = Instant.parse("2025-06-01T00:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(then);
        writeOld(onStartup, now);
        now.set(then.plus(Duration.ofDays(31)));
        try (DataFn restarted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).clock(now::get)
                .retention(new Retention(30, 0, true, 0)).build()) {
            assertError(() -> restarted.pull(onStartup, json("{\"cursors\": {\"todos\": \"0\"}}")),
                    ErrorCode.CURSOR_EXPIRED, "cursors.todos", "clone");
        }
        // Written after that startup's prune, so only the interval can prune it.
        now.set(then);
        writeOld(atInterval, now);
        insertTodo(atInterval, "{\"title\": \"kept\"}");
        now.set(then.plus(Duration.ofDays(31)));
        try (DataFn running = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).clock(now::get)
                .retention(new Retention(30, 0, false, 50)).build()) {
            // Waits for the schedule to run, however slow the machine; fails only if it never does.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean expired = false;
            while (!expired && System.nanoTime() < deadline) {
                try {
                    running.pull(atInterval, json("{\"cursors\": {\"todos\": \"0\"}}"));
                    Thread.sleep(20);
                } catch (dev.datafn.error.DataFnException e) {
                    expired = e.code() == ErrorCode.CURSOR_EXPIRED;
                }
            }
            assertThat(expired).as("the interval pruned the log").isTrue();
        }
    }

    private void writeOld(Namespace ns, AtomicReference<Instant> now) {
        try (DataFn past = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).clock(now::get).build()) {
            past.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"title\": \"old\"}}"));
        }
    }
}
