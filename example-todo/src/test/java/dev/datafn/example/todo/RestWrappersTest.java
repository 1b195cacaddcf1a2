package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 002's REST wrappers: {@code POST /resources/:resource} creates or updates (a merge that creates
 * the record when its id is not stored yet), each DFQL operation a call runs is what the authorizer
 * decides on, {@code GET /resources/:resource/:id} answers only the caller's namespace, and every route
 * refuses seed 002's path traversals with 400 before anything else happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class RestWrappersTest {

    /** The user whose inserts the authorizer refuses; merges, reads and deletes are allowed. */
    private static final String NO_INSERTS = "no-inserts";

    private final List<JsonNode> authorized = new CopyOnWriteArrayList<>();
    private ServedEngine served;
    private UserClient client;
    private ChangeLogReader changeLog;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        Database database = testDatabase.open();
        served = ServedEngine.startWithGeneratedRoutes(database, b -> b, datafn -> DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.user(req.headers().first(HeaderNames.create("X-User"))
                        .orElseThrow()))
                .authorize((req, action, payload) -> {
                    authorized.add(Json.object().put("action", action).set("payload", payload));
                    return !(req.headers().first(HeaderNames.create("X-User")).orElseThrow().startsWith(NO_INSERTS)
                            && payload != null && "insert".equals(payload.path("operation").asText()));
                })
                .build());
        client = new UserClient(served);
        changeLog = new ChangeLogReader(database);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /**
     * Every route of the generated {@code TodoRoutes}, {@code TagRoutes} and {@code ProjectRoutes}, mounted without
     * the protocol service's generic REST wrappers: list with a DFQL {@code q}, create, read, merge, replace,
     * delete; each through the request pipeline, so the authorizer sees it and the example's project policy holds.
     */
    @Test
    void everyOperationOfEveryResourceGoesThroughItsGeneratedRoutes() {
        String user = user("routes");
        String tag = client.post(user, "/resources/tags", "{\"clientId\": \"c\", \"mutationId\": \"t1\", "
                + "\"record\": {\"name\": \"home\"}}").assertOk().result().get("id").textValue();
        assertThat(client.get(user, "/resources/tags/" + tag).assertOk().result().get("name").textValue())
                .isEqualTo("home");
        String id = client.post(user, "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Paint\", \"priority\": 1, \"tags\": [\"" + tag + "\"]}}")
                .assertOk().result().get("id").textValue();
        client.post(user, "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"m2\", "
                + "\"record\": {\"title\": \"Sand\", \"priority\": 4}}").assertOk();

        String q = java.net.URLEncoder.encode("{\"filters\": {\"priority\": {\"gte\": 3}}, \"select\": [\"title\"]}",
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode listed = client.get(user, "/resources/todos?q=" + q).assertOk().result();
        assertThat(listed.get("data")).extracting(row -> row.get("title").textValue()).containsExactly("Sand");

        client.send(user, "PATCH", "/resources/todos/" + id, "{\"clientId\": \"c\", \"mutationId\": \"m3\", "
                + "\"record\": {\"completed\": true}}").assertOk();
        JsonNode merged = client.get(user, "/resources/todos/" + id).assertOk().result();
        assertThat(merged.get("completed").booleanValue()).isTrue();
        assertThat(merged.get("title").textValue()).isEqualTo("Paint");

        client.send(user, "PUT", "/resources/todos/" + id, "{\"clientId\": \"c\", \"mutationId\": \"m4\", "
                + "\"record\": {\"title\": \"Repaint\"}}").assertOk();
        JsonNode replaced = client.get(user, "/resources/todos/" + id).assertOk().result();
        assertThat(replaced.get("title").textValue()).isEqualTo("Repaint");
        assertThat(replaced.get("completed").booleanValue()).as("a replace resets what it does not name: " + replaced)
                .isFalse();
        assertThat(replaced.get("tags")).as("and clears its links").isEmpty();

        client.send(user, "DELETE", "/resources/todos/" + id + "?clientId=c&mutationId=m5", null).assertOk();
        client.get(user, "/resources/todos/" + id).assertRefused(404, "NOT_FOUND", "id", id);
        client.send(user, "DELETE", "/resources/tags/" + tag + "?clientId=c&mutationId=t2", null).assertOk();

        assertThat(client.get(user, "/resources/projects").assertOk().result().get("data")).isEmpty();
        client.post(user, "/resources/projects", "{\"clientId\": \"c\", \"mutationId\": \"p1\", "
                + "\"record\": {\"name\": \"Garden\"}}").assertRefused(403, "FORBIDDEN", "resource", "projects");
        assertThat(changeLog.changes(Namespace.user(user))).extracting(ChangeLogReader.StoredChange::operation)
                .containsExactly("insert", "insert", "insert", "merge", "replace", "delete", "delete");
        client.get(user, "/resources/tasks").assertRefused(404, "NOT_FOUND", "resource", "unknown resource 'tasks'");
    }

    @Test
    void postWithANewIdCreatesTheRecordAndWithAStoredIdMergesIntoIt() {
        String user = user("post");
        String id = "td-" + UUID.randomUUID();
        Reply created = client.post(user, "/resources/todos", "{\"id\": \"" + id + "\", \"clientId\": \"c\", "
                + "\"mutationId\": \"m1\", \"record\": {\"title\": \"New\", \"priority\": 2}}").assertOk();
        assertThat(created.result().get("id").textValue()).isEqualTo(id);
        assertThat(created.result().get("serverSeq").longValue()).isPositive();
        JsonNode stored = client.get(user, "/resources/todos/" + id).assertOk().result();
        assertThat(stored.get("title").textValue()).isEqualTo("New");
        assertThat(stored.get("completed").booleanValue()).as("a created record takes its defaults").isFalse();

        client.post(user, "/resources/todos", "{\"id\": \"" + id + "\", \"clientId\": \"c\", \"mutationId\": \"m2\", "
                + "\"record\": {\"completed\": true}}").assertOk();
        JsonNode merged = client.get(user, "/resources/todos/" + id).assertOk().result();
        assertThat(merged.get("completed").booleanValue()).isTrue();
        assertThat(merged.get("title").textValue()).as("a merge keeps the fields it does not name").isEqualTo("New");
        assertThat(merged.get("priority").intValue()).isEqualTo(2);
        assertThat(changeLog.changes(Namespace.user(user))).extracting(ChangeLogReader.StoredChange::operation)
                .containsExactly("insert", "merge");
    }

    /** A retried create is answered from its first execution, even now that the record exists. */
    @Test
    void aRetriedCreateIsAnsweredFromItsFirstExecution() {
        String user = user("retry");
        String body = "{\"id\": \"r-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Once\"}}";
        Reply first = client.post(user, "/resources/todos", body).assertOk();
        Reply again = client.post(user, "/resources/todos", body).assertOk();
        assertThat(again.result().get("deduped").booleanValue()).isTrue();
        assertThat(again.result().get("serverSeq")).isEqualTo(first.result().get("serverSeq"));
        client.post(user, "/resources/todos", body.replace("Once", "Other"))
                .assertRefused(422, "IDEMPOTENCY_KEY_REUSED", "mutationId", "m1");
        assertThat(changeLog.changes(Namespace.user(user))).hasSize(1);
    }

    @Test
    void aCreateIsCheckedAsAnInsert() {
        String user = user("invalid");
        client.post(user, "/resources/todos", "{\"id\": \"v-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"priority\": 1}}").assertRefused(400, "VALIDATION_FAILED", "record.title", "required");
        assertThat(changeLog.changes(Namespace.user(user))).isEmpty();
    }

    /**
     * The authorizer sees the DFQL form of each operation a call runs: a POST with an id is a merge, and
     * when it creates the record, an insert as well, which the authorizer may refuse on its own.
     */
    @Test
    void theAuthorizerDecidesOnTheMergeAndOnTheInsertOfACreate() {
        String user = user("authorized");
        authorized.clear();
        client.post(user, "/resources/todos", "{\"id\": \"a-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Mine\"}}").assertOk();
        assertThat(authorized).extracting(a -> a.path("action").asText()).containsExactly("mutation", "mutation");
        assertThat(authorized).extracting(a -> a.at("/payload/operation").asText()).containsExactly("merge", "insert");
        for (JsonNode a : authorized) {
            assertThat(a.at("/payload/resource").asText()).isEqualTo("todos");
            assertThat(a.at("/payload/version").asInt()).isEqualTo(1);
            assertThat(a.at("/payload/id").asText()).isEqualTo("a-1");
            assertThat(a.at("/payload/record/title").asText()).isEqualTo("Mine");
            assertThat(a.at("/payload/clientId").asText()).isEqualTo("c");
        }

        String limited = user(NO_INSERTS);
        client.post(limited, "/resources/todos", "{\"id\": \"a-2\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Refused\"}}").assertRefused(403, "FORBIDDEN", null, "mutation");
        client.post(limited, "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"m2\", "
                + "\"record\": {\"title\": \"Refused\"}}").assertRefused(403, "FORBIDDEN", null, "mutation");
        assertThat(changeLog.changes(Namespace.user(limited))).isEmpty();
    }

    @Test
    void getByIdAnswersOnlyARecordOfTheCallersNamespace() {
        String alice = user("alice");
        String bob = user("bob");
        client.post(alice, "/resources/todos", "{\"id\": \"g-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Alice's\"}}").assertOk();
        assertThat(client.get(alice, "/resources/todos/g-1").assertOk().result().get("title").textValue())
                .isEqualTo("Alice's");
        client.get(bob, "/resources/todos/g-1").assertRefused(404, "NOT_FOUND", "id", "g-1");
        client.get(alice, "/resources/todos/g-2").assertRefused(404, "NOT_FOUND", "id", "g-2");
        client.post(bob, "/resources/todos", "{\"id\": \"g-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Bob's\"}}").assertOk();
        assertThat(client.get(alice, "/resources/todos/g-1").assertOk().result().get("title").textValue())
                .as("Bob's POST of the same id created his own record").isEqualTo("Alice's");
    }

    /**
     * Seed 002's examples and rules (a decoded {@code ..}, a NUL, an encoded slash) in the resource and
     * the id segment of every route: each answers 400 and reaches neither the authorizer nor the data.
     */
    @Test
    void everyRouteRefusesPathTraversalInEverySegment() {
        String user = user("traversal");
        client.post(user, "/resources/todos", "{\"id\": \"p-1\", \"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"title\": \"Kept\"}}").assertOk();
        authorized.clear();
        List<String> segments = List.of("..%2F..%2Fetc%2Fpasswd", "..%2Fadmin", "%2E%2E", "%2e%2e%2Fadmin", "a%00b",
                "a%2Fb", "a%2fb", "..", "a..b");
        String body = "{\"clientId\": \"c\", \"mutationId\": \"m2\", \"record\": {\"title\": \"Changed\"}}";
        for (String bad : segments) {
            for (String method : List.of("GET", "POST")) {
                String withBody = "GET".equals(method) ? null : body;
                assertTraversalRefused(client.send(user, method, "/resources/" + bad, withBody));
            }
            for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
                String withBody = "GET".equals(method) || "DELETE".equals(method) ? null : body;
                assertTraversalRefused(client.send(user, method, "/resources/todos/" + bad + "?clientId=c&mutationId=d",
                        withBody));
                assertTraversalRefused(client.send(user, method, "/resources/" + bad + "/p-1?clientId=c&mutationId=d",
                        withBody));
            }
        }
        assertTraversalRefused(client.get(user, "/resources/tasks/..%2Fadmin"));
        assertThat(authorized).as("refused before authorization").isEmpty();
        assertThat(client.get(user, "/resources/todos/p-1").assertOk().result().get("title").textValue())
                .isEqualTo("Kept");
        assertThat(changeLog.changes(Namespace.user(user))).hasSize(1);
    }

    private static void assertTraversalRefused(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.body().at("/error/code").textValue()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(reply.body().at("/error/message").textValue()).as(reply.raw()).contains("path segment");
    }

    private static String user(String label) {
        return label + "-" + UUID.randomUUID();
    }
}
