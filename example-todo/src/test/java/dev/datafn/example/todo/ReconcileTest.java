package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.sync.IdChecksum;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /datafn/reconcile}: counts and id checksums compared, and the action to take. */
@OnEveryDatabase
class ReconcileTest extends AbstractEngineTest {

    ObjectNode reconcile(Namespace ns, String request) {
        return datafn.reconcile(ns, json(request));
    }

    @Test
    void aMatchingClientNeedsNothingABehindOneMustPullADriftedOneMustClone() {
        Namespace ns = TestDatabases.uniqueNamespace("reconcile");
        insertTodo(ns, "{\"id\": \"a\", \"title\": \"a\"}");
        insertTodo(ns, "{\"id\": \"b\", \"title\": \"b\"}");
        String both = IdChecksum.of(List.of("b", "a"));
        ObjectNode same = reconcile(ns, "{\"version\": 1, \"counts\": {\"todos\": 2}, \"checksums\": {\"todos\": \""
                + both + "\"}, \"cursors\": {\"todos\": \"2\"}}");
        assertThat(same.at("/tables/todos/drift").booleanValue()).isFalse();
        assertThat(same.at("/tables/todos/action").textValue()).isEqualTo("none");
        assertThat(same.at("/tables/todos/checksum").textValue()).isEqualTo(both);
        assertThat(same.at("/cursors/todos").textValue()).isEqualTo("2");

        ObjectNode behind = reconcile(ns, "{\"counts\": {\"todos\": 1}, \"cursors\": {\"todos\": \"1\"}}");
        assertThat(behind.at("/tables/todos/serverCount").longValue()).isEqualTo(2);
        assertThat(behind.at("/tables/todos/action").textValue()).isEqualTo("pull");

        // The right count, the wrong records, nothing left to pull: only a clone repairs it.
        String wrong = IdChecksum.of(List.of("a", "zombie"));
        ObjectNode drifted = reconcile(ns, "{\"counts\": {\"todos\": 2}, \"checksums\": {\"todos\": \"" + wrong
                + "\"}, \"cursors\": {\"todos\": \"2\"}}");
        assertThat(drifted.at("/tables/todos/drift").booleanValue()).isTrue();
        assertThat(drifted.at("/tables/todos/action").textValue()).isEqualTo("clone");
        ObjectNode noCursor = reconcile(ns, "{\"counts\": {\"todos\": 5}}");
        assertThat(noCursor.at("/tables/todos/action").textValue()).isEqualTo("clone");
        ObjectNode empty = reconcile(ns, "{\"counts\": {\"tags\": 0}}");
        assertThat(empty.at("/tables/tags/checksum").textValue()).isEqualTo("0".repeat(64));
        assertThat(empty.at("/tables/tags/action").textValue()).isEqualTo("none");
    }

    @Test
    void reconcileSeesOnlyItsOwnNamespace() {
        Namespace mine = TestDatabases.uniqueNamespace("reconcile-mine");
        Namespace theirs = TestDatabases.uniqueNamespace("reconcile-theirs");
        insertTodo(theirs, "{\"id\": \"secret\", \"title\": \"theirs\"}");
        ObjectNode answer = reconcile(mine, "{\"counts\": {\"todos\": 0}}");
        assertThat(answer.at("/tables/todos/serverCount").longValue()).isZero();
        assertThat(answer.at("/tables/todos/action").textValue()).isEqualTo("none");
    }

    @Test
    void badReconcilesAreRefusedWithTheirPath() {
        Namespace ns = TestDatabases.uniqueNamespace("reconcile-bad");
        assertError(() -> reconcile(ns, "{}"), ErrorCode.DFQL_INVALID, "counts", "required");
        assertError(() -> reconcile(ns, "{\"counts\": {\"nope\": 1}}"), ErrorCode.DFQL_UNKNOWN_RESOURCE, "counts.nope",
                "unknown");
        assertError(() -> reconcile(ns, "{\"counts\": {\"todos\": -1}}"), ErrorCode.DFQL_INVALID, "counts.todos", "whole");
        assertError(() -> reconcile(ns, "{\"counts\": {\"todos\": 1}, \"checksums\": {\"todos\": \"abc\"}}"),
                ErrorCode.DFQL_INVALID, "checksums.todos", "64 hex");
        assertError(() -> reconcile(ns, "{\"counts\": {\"todos\": 1}, \"checksums\": {\"tags\": \"" + "0".repeat(64) + "\"}}"),
                ErrorCode.DFQL_INVALID, "checksums.tags", "no count");
        assertError(() -> reconcile(ns, "{\"counts\": {\"todos\": 1}, \"cursors\": {\"tags\": \"0\"}}"),
                ErrorCode.DFQL_INVALID, "cursors.tags", "no count");
    }
}
