package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The NUL character, which PostgreSQL refuses in any text it compares or stores, is refused with 400 and
 * its path wherever a request carries a string that reaches the database, alike on every database: the
 * operands of every string operator, guards, having, REST parameters and bodies, record values and ids
 * on every write path. JSON values keep it, escaped in their stored text. A string that never reaches
 * the database (an unknown name) is refused as unknown, as without the NUL.
 */
@OnEveryDatabase
class NulCharacterTest extends AbstractServedTest {

    /** A JSON string escape of the NUL character, for building request bodies. */
    private static final String NUL = "\\u0000";

    @BeforeParameterizedClassInvocation
    void seed() {
        ok(client.post("/mutation", """
                {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "pj1", "name": "Home"}}"""));
        ok(client.post("/mutation", """
                {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "tg1", "name": "red"}}"""));
        ok(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert",
                 "record": {"id": "nul1", "title": "x", "notes": "y", "projectId": "pj1", "tags": ["tg1"]}}"""));
    }

    @Test
    void everyStringOperatorRefusesItInItsOperand() {
        for (String op : new String[] {"eq", "ne", "gt", "gte", "lt", "lte", "like", "ilike", "contains", "startswith",
            "endswith", "istartswith", "iendswith", "$like", "$ilike", "$contains", "$startswith", "$eq"}) {
            for (String field : new String[] {"title", "notes", "id", "projectId", "project.name"}) {
                assertRefusedForNul(client.post("/query", query("\"filters\": {\"" + field + "\": {\"" + op + "\": \"%a"
                        + NUL + "b%\"}}")), "filters." + field + "." + op);
            }
        }
        for (String op : new String[] {"in", "nin", "between"}) {
            assertRefusedForNul(client.post("/query", query("\"filters\": {\"title\": {\"" + op + "\": [\"a\", \"b" + NUL
                    + "\"]}}")), "filters.title." + op + "[1]");
        }
        assertRefusedForNul(client.post("/query", query("\"filters\": {\"title\": \"a" + NUL + "\"}")), "filters.title");
        assertRefusedForNul(client.post("/query", query("\"filters\": {\"tags\": {\"contains\": \"tg" + NUL + "\"}}")),
                "filters.tags.contains");
        assertRefusedForNul(client.post("/query", query("\"filters\": {\"$not\": {\"$or\": [{\"id\": \"nul1\"}, "
                + "{\"notes\": {\"like\": \"" + NUL + "\"}}]}}")), "filters.$not.$or[1].notes.like");
        assertRefusedForNul(client.post("/query", query("""
                "groupBy": ["title"], "aggregations": {"n": {"fn": "count"}}, "having": {"title": "x%s"}"""
                .formatted(NUL))), "having.title");
        assertRefusedForNul(client.post("/query", "[" + query("\"filters\": {\"title\": \"" + NUL + "\"}") + "]"),
                "[0].filters.title");
        assertRefusedForNul(client.post("/transact", "{\"steps\": [{\"query\": " + query("\"filters\": {\"title\": \""
                + NUL + "\"}") + "}]}"), "steps[0].query.filters.title");
    }

    @Test
    void restParametersAndBodiesRefuseIt() {
        assertRefusedForNul(client.get("/resources/todos?q="
                + encode("{\"filters\": {\"notes\": {\"like\": \"%" + NUL + "%\"}}}")), "filters.notes.like");
        assertRefusedForNul(client.get("/resources/todos?q="
                + encode("{\"filters\": {\"id\": {\"in\": [\"" + NUL + "\"]}}}")), "filters.id.in[0]");
        JsonHttpClient.Reply byId = client.get("/resources/todos/nul%00");
        assertThat(byId.status()).as(byId.raw()).isEqualTo(400);
        assertThat(byId.errorCode()).as(byId.raw()).isEqualTo("DFQL_INVALID");
        assertRefusedForNul(restWrite("POST", "/resources/todos", "\"title\": \"a" + NUL + "\""), "record.title");
        assertRefusedForNul(restWrite("PATCH", "/resources/todos/nul1", "\"notes\": \"" + NUL + "\""), "record.notes");
        assertRefusedForNul(restWrite("PUT", "/resources/todos/nul1", "\"title\": \"t\", \"projectId\": \"p" + NUL
                + "\""), "record.projectId");
    }

    private JsonHttpClient.Reply restWrite(String method, String path, String recordMembers) {
        return client.send(method, path, bytes("{\"clientId\": \"c\", \"mutationId\": \"" + method + "\", "
                + "\"record\": {" + recordMembers + "}}"));
    }

    @Test
    void everyWritePathRefusesItInRecordValuesIdsAndGuards() {
        for (String member : new String[] {"\"title\": \"a" + NUL + "\"", "\"notes\": \"" + NUL + "\"",
            "\"projectId\": \"pj" + NUL + "\"", "\"id\": \"td" + NUL + "\""}) {
            String field = member.substring(1, member.indexOf('"', 1));
            String insert = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {"
                    + (field.equals("title") ? "" : "\"title\": \"t\", ") + member + "}}";
            // An id breaks the id rules before its NUL is looked at; any other string is refused for the NUL.
            BiConsumer<JsonHttpClient.Reply, String> refused = field.equals("id")
                    ? NulCharacterTest::assertRefused : NulCharacterTest::assertRefusedForNul;
            refused.accept(client.post("/mutation", insert), "record." + field);
            refused.accept(client.post("/mutation", "[" + insert + "]"), "[0].record." + field);
            refused.accept(client.post("/push", "{\"version\": 1, \"mutations\": [" + insert + "]}"),
                    "mutations[0].record." + field);
            refused.accept(client.post("/transact", "{\"steps\": [{\"mutation\": " + insert + "}]}"),
                    "steps[0].mutation.record." + field);
        }
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "t", "tags": ["tg1", "t%s"]}}"""
                .formatted(NUL)), "record.tags[1]");
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "merge", "id": "nul1%s", "record": {"title": "t"}}"""
                .formatted(NUL)), "id");
        assertRefusedForNul(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "merge", "id": "nul1", "record": {"title": "t"},
                 "if": {"notes": {"contains": "%s"}}}""".formatted(NUL)), "if.notes.contains");
        assertRefusedForNul(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "delete", "id": "nul1", "if": {"title": "%s"}}"""
                .formatted(NUL)), "if.title");
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "relate", "id": "nul1", "relation": "tags",
                 "targetId": "tg%s"}""".formatted(NUL)), "targetId");
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c%s", "mutationId": "m",
                 "record": {"title": "t"}}""".formatted(NUL)), "clientId");
        assertRefusedForNul(client.post("/seed", """
                {"data": {"todos": [{"id": "s1", "title": "t%s"}]}}""".formatted(NUL)), "data.todos[0].title");
        assertRefused(client.post("/seed", """
                {"data": {"todos": [{"id": "s%s", "title": "t"}]}}""".formatted(NUL)), "data.todos[0].id");
    }

    @Test
    void syncRequestsRefuseIt() {
        assertRefused(client.post("/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"1" + NUL + "\"}}"), "cursors.todos");
        assertRefused(client.post("/clone", "{\"version\": 1, \"tables\": [\"todos\"], \"limit\": 1, \"continuation\": \""
                + NUL + "\"}"), "continuation");
        assertRefused(client.post("/reconcile", "{\"version\": 1, \"counts\": {\"todos\": 1}, \"checksums\": "
                + "{\"todos\": \"" + NUL + "\"}}"), "checksums.todos");
        JsonHttpClient.Reply unknown = client.post("/clone", "{\"version\": 1, \"tables\": [\"to" + NUL + "dos\"]}");
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.errorCode()).as(unknown.raw()).isEqualTo("DFQL_UNKNOWN_RESOURCE");
    }

    @Test
    void jsonValuesKeepItEscapedInTheirStoredText() {
        ok(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "relate", "id": "nul1", "relation": "tags",
                 "targetId": "tg1", "metadata": {"note%s": "a%sb"}}""".formatted(NUL, NUL)));
    }

    private static String query(String members) {
        return "{\"resource\": \"todos\", \"version\": 1, " + members + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void ok(JsonHttpClient.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.raw()).doesNotContain("\"ok\":false");
    }

    /** Asserts the request was refused at the path because of the NUL character itself. */
    private static void assertRefusedForNul(JsonHttpClient.Reply reply, String path) {
        assertRefused(reply, path);
        assertThat(error(reply).path("message").textValue()).as(reply.raw()).contains("NUL");
    }

    /**
     * Asserts the request was refused for the NUL at the path: with 400, or, where an answer holds an
     * envelope per item (batches, push, transact), in the item's envelope.
     */
    private static void assertRefused(JsonHttpClient.Reply reply, String path) {
        assertThat(reply.status()).as(reply.raw()).isIn(200, 400);
        JsonNode error = error(reply);
        assertThat(error).as(reply.raw()).isNotNull();
        assertThat(error.path("code").textValue()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(error.path("path").textValue()).as(reply.raw()).isEqualTo(path);
    }

    /** @return the envelope's error, or the first item's where the answer holds one per item */
    private static JsonNode error(JsonHttpClient.Reply reply) {
        assertThat(reply.body()).as(reply.raw()).isNotNull();
        if (reply.status() != 200) {
            return reply.body().get("error");
        }
        JsonNode result = reply.body().get("result");
        return result.isArray() ? result.path(0).get("error")
                : result.has("error") ? result.get("error") : result.at("/results/0/error");
    }
}
