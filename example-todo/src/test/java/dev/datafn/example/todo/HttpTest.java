package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import dev.datafn.http.JwtAuthenticator;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The example server as a client sees it: started from {@link Main} on a free port and spoken to over
 * real HTTP with the seeds' JSON. Every error case checks status, code, path, and that no stack
 * trace leaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class HttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Main.Server server;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    /**
     * @return the database settings ({@code datafn.db.*}) of this run; the run is skipped when its
     *         database is not configured
     */
    private Map<String, String> databaseConfig() {
        var db = testDatabase.open();
        // The suites share the test database and bring their own tables, so the server updates them too.
        return Map.of("datafn.db.url", db.jdbcUrl(), "datafn.db.user", db.user(), "datafn.db.password", db.password(),
                "datafn.db.schema", db.schemaManagement().hibernateAction());
    }

    /** The example's JWT secret in this run, and a token of this run's user. */
    private static final String SECRET = "http-test-secret-" + java.util.UUID.randomUUID();
    private final String token = JwtAuthenticator.hs256(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .issue("http-test-" + java.util.UUID.randomUUID(), null, java.time.Duration.ofHours(1));

    @BeforeParameterizedClassInvocation
    void startServer() {
        Map<String, String> config = new java.util.HashMap<>(databaseConfig());
        config.put("server.port", "0");
        config.put("server.host", "127.0.0.1");
        config.put("datafn.jwt.secret", SECRET);
        server = Main.start(Config.just(ConfigSources.create(config)));
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A response: status and parsed body. */
    record Reply(int status, JsonNode body, String raw) {
        JsonNode result() {
            return body.get("result");
        }

        void assertOk() {
            assertThat(status).as(raw).isEqualTo(200);
            assertThat(body.get("ok").booleanValue()).as(raw).isTrue();
        }

        void assertError(int expectedStatus, String code, String path) {
            assertThat(status).as(raw).isEqualTo(expectedStatus);
            assertThat(body.get("ok").booleanValue()).as(raw).isFalse();
            assertThat(body.at("/error/code").textValue()).as(raw).isEqualTo(code);
            if (path == null) {
                assertThat(body.at("/error").has("path")).as(raw).isFalse();
            } else {
                assertThat(body.at("/error/path").textValue()).as(raw).isEqualTo(path);
            }
            assertThat(body.at("/error/message").textValue()).as(raw).isNotBlank();
            assertThat(raw).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.hibernate");
        }
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    @Test
    void statusReportsSchemaHashCapabilitiesAndLimits() {
        Reply status = send("GET", "/status", null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("ok").booleanValue()).isTrue();
        assertThat(status.result().get("schemaHash").textValue()).matches("[0-9a-f]{64}")
                .isEqualTo(server.datafn().schema().hash());
        assertThat(status.result().get("capabilities").toString()).contains("dfql.query", "dfql.mutation",
                "dfql.transact", "dfql.search");
        assertThat(status.result().at("/limits/maxLimit").intValue()).isEqualTo(100);
        assertThat(status.result().get("serverTimeMs").longValue()).isPositive();
    }

    @Test
    void insertThenReplayThenQuery() {
        String title = uniqueId("Buy milk");
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "client:device-1",
                 "mutationId": "%s", "record": {"title": "%s", "priority": 2}}""".formatted(uniqueId("m"), title);
        Reply first = post("/mutation", insert);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.result().get("ok").booleanValue()).isTrue();
        assertThat(first.result().get("deduped").booleanValue()).isFalse();
        assertThat(first.result().get("errors").size()).isZero();
        String id = first.result().get("affectedIds").get(0).textValue();

        Reply again = post("/mutation", insert);
        assertThat(again.result().get("deduped").booleanValue()).isTrue();
        assertThat(again.result().get("affectedIds").get(0).textValue()).isEqualTo(id);

        Reply found = post("/query", """
                {"resource": "todos", "version": 1, "select": ["id", "title", "completed"],
                 "filters": {"title": "%s"}, "sort": ["title:asc"], "limit": 20}""".formatted(title));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.result().get("data")).hasSize(1);
        assertThat(found.result().at("/data/0/id").textValue()).isEqualTo(id);
        assertThat(found.result().at("/data/0/completed").booleanValue()).isFalse();
        assertThat(found.result().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aBatchAnswersEachQueryInOrderAndIsolatesFailures() {
        Reply batch = post("/query", """
                [{"resource": "todos", "version": 1, "limit": 1, "count": true},
                 {"resource": "todos", "version": 1, "filters": {"colour": "red"}},
                 {"resource": "projects", "version": 1, "aggregations": {"n": {"fn": "count"}}}]""");
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        JsonNode results = batch.result();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("ok").booleanValue()).isTrue();
        assertThat(results.get(0).at("/result/count").isNumber()).isTrue();
        assertThat(results.get(1).get("ok").booleanValue()).isFalse();
        assertThat(results.get(1).at("/error/code").textValue()).isEqualTo("DFQL_UNKNOWN_FIELD");
        assertThat(results.get(1).at("/error/path").textValue()).isEqualTo("[1].filters.colour");
        assertThat(results.get(2).at("/result/data/0/n").isNumber()).isTrue();
        post("/query", "[" + "{\"resource\": \"todos\", \"version\": 1},".repeat(500) + "{}]")
                .assertError(400, "DFQL_INVALID", "");
    }

    @Test
    void restWrappersMapToDfql() {
        String title = uniqueId("rest");
        Reply created = post("/resources/todos", """
                {"clientId": "c", "mutationId": "%s", "record": {"title": "%s"}}""".formatted(uniqueId("m"), title));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.result().get("id").textValue();
        assertThat(created.result().get("serverSeq").longValue()).isPositive();

        Reply patched = send("PATCH", "/resources/todos/" + id, """
                {"clientId": "c", "mutationId": "%s", "record": {"completed": true}}""".formatted(uniqueId("m")));
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);

        String q = URLEncoder.encode("{\"filters\":{\"title\":{\"$eq\":\"" + title + "\"}},\"limit\":10}",
                StandardCharsets.UTF_8);
        Reply listed = send("GET", "/resources/todos?q=" + q, null);
        assertThat(listed.result().at("/data/0/completed").booleanValue()).isTrue();
        assertThat(listed.result().get("hasMore").booleanValue()).isFalse();

        Reply put = send("PUT", "/resources/todos/" + id, """
                {"clientId": "c", "mutationId": "%s", "record": {"title": "%s"}}""".formatted(uniqueId("m"), title));
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(send("GET", "/resources/todos?q=" + q, null).result().at("/data/0/completed").booleanValue())
                .as("PUT replaces the whole record").isFalse();
        Reply createdByPut = send("PUT", "/resources/todos/" + uniqueId("td"), """
                {"clientId": "c", "mutationId": "%s", "record": {"title": "%s"}}""".formatted(uniqueId("m"), title));
        assertThat(createdByPut.status()).as(createdByPut.raw()).isEqualTo(200);
        send("DELETE", "/resources/todos/" + createdByPut.result().get("id").textValue() + "?clientId=c&mutationId="
                + uniqueId("m"), null);

        Reply deleted = send("DELETE", "/resources/todos/" + id + "?clientId=c&mutationId=" + uniqueId("m"), null);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(send("GET", "/resources/todos?q=" + q, null).result().get("data")).isEmpty();
    }

    @Test
    void badRequestsAreAnsweredWithCodeStatusAndPath() {
        post("/query", "{\"resource\": \"todos\",").assertError(400, "DFQL_INVALID", "");
        post("/query", "").assertError(400, "DFQL_INVALID", "");
        post("/query", "[1] [2]").assertError(400, "DFQL_INVALID", "");
        post("/query", "{\"resource\": \"nope\", \"version\": 1}").assertError(400, "DFQL_UNKNOWN_RESOURCE", "resource");
        post("/query", "{\"resource\": \"todos\", \"version\": 3}").assertError(400, "DFQL_INVALID", "version");
        post("/query", "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"colour\": \"red\"}}")
                .assertError(400, "DFQL_UNKNOWN_FIELD", "filters.colour");
        post("/query", "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"completed\": \"yes\"}}")
                .assertError(400, "DFQL_INVALID", "filters.completed");
        post("/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": 5}}")
                .assertError(400, "DFQL_INVALID", "record.title");
        post("/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {}}")
                .assertError(400, "VALIDATION_FAILED", "record.title");
        post("/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"missing\", \"record\": {\"title\": \"x\"}}")
                .assertError(404, "NOT_FOUND", "id");
        post("/query", "{\"resource\": \"todos\", \"version\": 1, \"pad\": \"" + "x".repeat(5_300_000) + "\"}")
                .assertError(413, "PAYLOAD_TOO_LARGE", null);
        post("/querry", "{}").assertError(404, "NOT_FOUND", null);
        send("GET", "/query", null).assertError(405, "METHOD_NOT_ALLOWED", null);
        send("GET", "/resources/todos?q=%7Bnot-json", null).assertError(400, "DFQL_INVALID", "q");
        send("GET", "/resources/tasks", null).assertError(404, "NOT_FOUND", "resource");
        send("DELETE", "/resources/todos/..%2F..%2Fetc?clientId=c&mutationId=m", null).assertError(400, "DFQL_INVALID", "path");
        send("GET", "/resources/..%2F..%2Fetc%2Fpasswd", null).assertError(400, "DFQL_INVALID", "path");
        send("PATCH", "/resources/todos/a%00b", "{}").assertError(400, "DFQL_INVALID", "path");
        post("/resources/todos", "{\"record\": {\"title\": \"no key\"}}").assertError(400, "DFQL_INVALID", "clientId");
    }

    /** Sync over the wire: a streamed clone, a push, and a pull from the clone's cursors. */
    @Test
    void cloneStreamsThenPushAndPullFollowIt() {
        String title = uniqueId("synced");
        post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "%s"}}""".formatted(title))
                .assertOk();
        Reply clone = post("/clone", "{\"version\": 1, \"tables\": [\"todos\", \"tags\"]}");
        assertThat(clone.status()).isEqualTo(200);
        assertThat(clone.result().get("ok").booleanValue()).isTrue();
        assertThat(clone.result().at("/data/todos").toString()).contains(title);
        String cursor = clone.result().at("/cursors/todos").textValue();
        Reply pushed = post("/push", """
                {"version": 1, "mutations": [{"resource": "todos", "version": 1, "operation": "insert",
                 "clientId": "%s", "mutationId": "m1", "record": {"title": "offline"}}]}""".formatted(uniqueId("device")));
        assertThat(pushed.result().at("/results/0/ok").booleanValue()).as(pushed.raw()).isTrue();
        Reply pulled = post("/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"" + cursor + "\"}}");
        assertThat(pulled.result().at("/records/todos/0/title").textValue()).isEqualTo("offline");
        post("/clone", "{\"tables\": [\"nope\"]}").assertError(400, "DFQL_UNKNOWN_RESOURCE", "tables[0]");
        post("/pull", "{\"cursors\": {\"todos\": \"-1\"}}").assertError(400, "DFQL_INVALID", "cursors.todos");
        post("/push", "{\"mutations\": 3}").assertError(400, "DFQL_INVALID", "mutations");
    }

    @Test
    void transactAnswersTheShapeOfSeed001() {
        String id = uniqueId("tx");
        Reply ok = post("/transact", """
                {"transactionId": "tx-batch", "atomic": true, "steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "%s", "title": "t"}}},
                  {"query": {"resource": "todos", "version": 1, "select": ["id"], "filters": {"id": "%s"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "%s", "record": {"completed": true}}}
                ]}""".formatted(id, id, id));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.result().get("ok").booleanValue()).isTrue();
        assertThat(ok.result().at("/results/0/kind").textValue()).isEqualTo("mutation");
        assertThat(ok.result().at("/results/1/result/data/0/id").textValue()).isEqualTo(id);
        assertThat(ok.result().at("/results/2/result/affectedIds/0").textValue()).isEqualTo(id);

        Reply failed = post("/transact", """
                {"steps": [
                  {"mutation": {"resource": "todos", "version": 1, "operation": "delete", "id": "%s"}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "%s", "record": {"title": "x"}}}
                ]}""".formatted(id, id));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.result().get("ok").booleanValue()).isFalse();
        assertThat(failed.result().get("failedStep").intValue()).isEqualTo(1);
        assertThat(failed.result().at("/error/code").textValue()).isEqualTo("NOT_FOUND");
        assertThat(failed.result().at("/error/path").textValue()).isEqualTo("steps[1].mutation.id");
        assertThat(post("/query", "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"" + id + "\"}}")
                .result().get("data")).as("the delete was rolled back").hasSize(1);

        post("/transact", "{\"steps\": {}}").assertError(400, "DFQL_INVALID", "steps");
        post("/transact", "[]").assertError(400, "DFQL_INVALID", "");
        send("GET", "/transact", null).assertError(405, "METHOD_NOT_ALLOWED", null);
    }

    @Test
    void aMutationBatchAndAFailedGuardOverHttp() {
        String id = uniqueId("batch");
        Reply batch = post("/mutation", """
                [{"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "%s", "title": "t", "priority": 1}},
                 {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": 7}}]""".formatted(id));
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        assertThat(batch.result().at("/0/ok").booleanValue()).isTrue();
        assertThat(batch.result().at("/1/error/code").textValue()).isEqualTo("DFQL_INVALID");
        assertThat(batch.result().at("/1/error/path").textValue()).isEqualTo("[1].record.title");

        Reply conflict = post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "merge", "id": "%s", "record": {"priority": 3},
                 "if": {"priority": 2}}""".formatted(id));
        conflict.assertError(409, "CONFLICT", "if");
        assertThat(conflict.body().at("/error/details/serverSeq").longValue()).isPositive();
        assertThat(conflict.body().at("/error/details/current/priority").intValue()).isEqualTo(1);

        post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "relate", "id": "%s", "relation": "tags", "targetId": "nope"}"""
                .formatted(id)).assertError(404, "NOT_FOUND", "targetId");
    }
}
