package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Permissions policies over HTTP, on every surface, tried as a caller who wants more than it may have.
 * The example's own policy (projects written only with the {@code admin} claim) plus two stricter ones
 * given to the builder: {@code todos.notes} read and written only by admins, {@code tags} only by admins.
 * Alice and her admin self share one namespace, so every refusal is the policy's, not the namespace's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class PolicyTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ServedEngine served;
    private String alice;
    private String admin;
    private String todoId;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = serve(b -> b
                .policy("todos", ResourcePolicy.of("anyone", "anyone").field("notes", "claim:admin", "claim:admin"))
                .policy("tags", ResourcePolicy.of("claim:admin", "claim:admin")));
    }

    private ServedEngine serve(UnaryOperator<DataFnBuilder> engine) {
        return ServedEngine.start(testDatabase.open(), engine,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /** A fresh user each test, with one project, one tag and one todo with notes, written by an admin. */
    @BeforeEach
    void seed() {
        String user = "alice-" + UUID.randomUUID();
        alice = jwt.issue(user, null, Duration.ofMinutes(10));
        admin = jwt.issue(user, null, Duration.ofMinutes(10), Map.of("admin", true));
        todoId = "td-" + UUID.randomUUID();
        Reply seeded = send(admin, "POST", "/transact", """
                {"atomic": true, "steps": [
                  {"mutation": {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "p1", "name": "Home"}}},
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "t1", "name": "urgent"}}},
                  {"mutation": {"resource": "todos", "version": 1, "operation": "insert",
                   "record": {"id": "%s", "title": "Pay rent", "notes": "account 1234", "projectId": "p1", "tags": ["t1"]}}}
                ]}""".formatted(todoId));
        assertThat(seeded.body().at("/result/ok").booleanValue()).as(seeded.raw()).isTrue();
    }

    // --- resource rules ---------------------------------------------------------------------------

    @Test
    void projectsAreWrittenOnlyWithTheAdminClaimOnEverySurface() {
        String insert = "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"p2\", \"name\": \"Work\"}}";
        send(alice, "POST", "/mutation", insert).assertError(403, "FORBIDDEN", "resource");
        assertCode(send(alice, "POST", "/mutation", "[" + insert + "]"), "/result/0/error/code", "FORBIDDEN");
        send(alice, "POST", "/resources/projects", "{\"clientId\": \"c\", \"mutationId\": \"m1\", "
                + "\"record\": {\"id\": \"p2\", \"name\": \"Work\"}}").assertError(403, "FORBIDDEN", "resource");
        send(alice, "DELETE", "/resources/projects/p1?clientId=c&mutationId=m2", null)
                .assertError(403, "FORBIDDEN", "resource");
        assertCode(send(alice, "POST", "/push", "{\"mutations\": [" + insert.replace("}}", "}, \"clientId\": \"c\", "
                + "\"mutationId\": \"m3\"}") + "]}"), "/result/results/0/error/code", "FORBIDDEN");
        send(alice, "POST", "/seed", "{\"data\": {\"projects\": [{\"id\": \"p2\", \"name\": \"Work\"}]}}")
                .assertError(403, "FORBIDDEN", "data.projects[0].resource");
        Reply transact = send(alice, "POST", "/transact", "{\"atomic\": true, \"steps\": [{\"mutation\": " + insert
                + "}]}");
        assertThat(transact.body().at("/result/error/code").textValue()).as(transact.raw()).isEqualTo("FORBIDDEN");

        Reply projects = send(alice, "POST", "/query", "{\"resource\": \"projects\", \"version\": 1}");
        assertThat(projects.status()).as("everyone reads projects").isEqualTo(200);
        assertThat(projects.body().at("/result/data")).as("nothing was written").hasSize(1);
        assertThat(send(admin, "POST", "/mutation", insert).status()).isEqualTo(200);
    }

    @Test
    void aResourceTheCallerMayNotReadIsUnreachableFromEverySurface() {
        send(alice, "POST", "/query", "{\"resource\": \"tags\", \"version\": 1}")
                .assertError(403, "FORBIDDEN", "resource");
        send(alice, "POST", "/query", TODO + "\"select\": [\"id\", \"tags.name\"]}")
                .assertError(403, "FORBIDDEN", "select[1]");
        send(alice, "POST", "/query", TODO + "\"filters\": {\"tags.name\": \"urgent\"}}")
                .assertError(403, "FORBIDDEN", "filters.tags.name");
        send(alice, "POST", "/query", TODO + "\"filters\": {\"tags\": {\"contains\": \"t1\"}}}")
                .assertError(403, "FORBIDDEN", "filters.tags.contains");
        send(alice, "GET", "/resources/tags", null).assertError(403, "FORBIDDEN", "resource");
        send(alice, "GET", "/resources/tags/t1", null).assertError(403, "FORBIDDEN", "resource");
        send(alice, "POST", "/clone", "{\"tables\": [\"todos\", \"tags\"]}").assertError(403, "FORBIDDEN", "tables[1]");
        send(alice, "POST", "/pull", "{\"cursors\": {\"tags\": \"0\"}}").assertError(403, "FORBIDDEN", "cursors.tags");
        send(alice, "POST", "/reconcile", "{\"counts\": {\"tags\": 0}}").assertError(403, "FORBIDDEN", "counts.tags");
        send(alice, "POST", "/mutation", TODO + "\"operation\": \"relate\", \"id\": \"" + todoId
                + "\", \"relation\": \"tags\", \"targetId\": \"t1\"}").assertError(403, "FORBIDDEN", "relation");

        // The todos' list of tag ids would show which tags exist: it goes with the tags.
        JsonNode todo = send(alice, "POST", "/query", TODO + "\"filters\": {\"id\": \"" + todoId + "\"}}")
                .body().at("/result/data/0");
        assertThat(todo.has("title")).isTrue();
        assertThat(todo.has("tags")).as(todo.toString()).isFalse();
        JsonNode cloned = send(alice, "POST", "/clone", "{\"tables\": [\"todos\"]}").body().at("/result/data/todos/0");
        assertThat(cloned.has("tags")).as(cloned.toString()).isFalse();
        JsonNode adminView = send(admin, "POST", "/query", TODO + "\"select\": [\"id\", \"tags.name\"]}").body();
        assertThat(adminView.at("/result/data/0/tags/0/name").textValue()).as(adminView.toString()).isEqualTo("urgent");
    }

    @Test
    void resourcesWithoutAPolicyAreRefusedUnlessUnknownResourcesAreAllowed() {
        Schema unruled = Schema.of(TodoAppSchema.INSTANCE.resources().stream()
                .map(r -> r.withPolicy(null)).toList());
        try (ServedEngine closed = serve(b -> b.schema(unruled))) {
            Reply refused = send(closed, alice, "POST", "/query", TODO + "\"limit\": 1}");
            refused.assertError(403, "FORBIDDEN", "resource");
            assertThat(refused.body().at("/error/message").textValue()).contains("no permissions policy");
            send(closed, alice, "POST", "/clone", "{\"tables\": [\"todos\"]}").assertError(403, "FORBIDDEN", "tables[0]");
        }
        try (ServedEngine open = serve(b -> b.schema(unruled).allowUnknownResources(true))) {
            assertThat(send(open, alice, "POST", "/query", TODO + "\"limit\": 1}").status()).isEqualTo(200);
        }
        assertThat(Schema.of(TodoAppSchema.INSTANCE).resources()).allMatch(r -> r.policy() != null,
                "the example declares a policy on every record");
        assertThat(TodoAppSchema.INSTANCE.resources().stream().map(ResourceSchema::name)).contains("projects");
    }

    // --- field rules: reading ---------------------------------------------------------------------

    @Test
    void aFieldTheCallerMayNotReadIsLeftOutOfEveryAnswer() {
        String byId = "\"filters\": {\"id\": \"" + todoId + "\"}";
        List<JsonNode> seen = List.of(
                send(alice, "POST", "/query", TODO + byId + "}").body().at("/result/data/0"),
                send(alice, "POST", "/query", TODO + byId + ", \"select\": [\"*\"]}").body().at("/result/data/0"),
                send(alice, "POST", "/query", "[" + TODO + byId + "}]").body().at("/result/0/result/data/0"),
                send(alice, "GET", "/resources/todos", null).body().at("/result/data/0"),
                send(alice, "GET", "/resources/todos/" + todoId, null).body().at("/result"),
                send(alice, "POST", "/clone", "{\"tables\": [\"todos\"]}").body().at("/result/data/todos/0"),
                send(alice, "POST", "/clone", "{\"tables\": [\"todos\"], \"limit\": 10}").body().at("/result/data/todos/0"),
                send(alice, "POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}").body().at("/result/records/todos/0"),
                send(alice, "POST", "/transact", "{\"steps\": [{\"query\": " + TODO + byId + "}}]}").body()
                        .at("/result/results/0/result/data/0"));
        for (int i = 0; i < seen.size(); i++) {
            JsonNode record = seen.get(i);
            assertThat(record.path("title").isTextual()).as("answer " + i + " has a readable field: " + record).isTrue();
            assertThat(record.has("notes")).as("answer " + i + " leaves the notes out: " + record).isFalse();
        }
        JsonNode adminView = send(admin, "POST", "/query", TODO + byId + "}").body().at("/result/data/0");
        assertThat(adminView.path("notes").textValue()).isEqualTo("account 1234");
    }

    @Test
    void aFieldTheCallerMayNotReadCannotBeSelectedFilteredSortedOrAggregated() {
        for (String[] probe : List.of(
                new String[] {TODO + "\"select\": [\"notes\"]}", "select[0]"},
                new String[] {TODO + "\"filters\": {\"notes\": {\"startswith\": \"account\"}}}", "filters.notes.startswith"},
                new String[] {TODO + "\"filters\": {\"$or\": [{\"title\": \"x\"}, {\"notes\": \"account 1234\"}]}}",
                        "filters.$or[1].notes"},
                new String[] {TODO + "\"filters\": {\"$not\": {\"notes\": null}}}", "filters.$not.notes"},
                new String[] {TODO + "\"sort\": [\"notes\"]}", "sort[0]"},
                new String[] {TODO + "\"groupBy\": [\"notes\"], \"aggregations\": {\"n\": {\"fn\": \"count\"}}}",
                        "groupBy[0]"},
                new String[] {TODO + "\"aggregations\": {\"n\": {\"fn\": \"min\", \"field\": \"notes\"}}}",
                        "aggregations.n.field"})) {
            Reply answer = send(alice, "POST", "/query", probe[0]);
            answer.assertError(403, "FORBIDDEN", probe[1]);
        }
        send(alice, "GET", "/resources/todos?q=" + encode("{\"filters\": {\"notes\": \"account 1234\"}}"), null)
                .assertError(403, "FORBIDDEN", "filters.notes");
        send(alice, "GET", "/resources/todos?q=" + encode("{\"sort\": [\"notes\"]}"), null)
                .assertError(403, "FORBIDDEN", "sort[0]");
        // A guard is a read too: testing it would tell the notes one guess at a time.
        send(alice, "POST", "/mutation", TODO + "\"operation\": \"merge\", \"id\": \"" + todoId
                + "\", \"if\": {\"notes\": \"account 1234\"}, \"record\": {\"priority\": 1}}")
                .assertError(403, "FORBIDDEN", "if.notes");
    }

    // --- field rules: writing ---------------------------------------------------------------------

    @Test
    void aFieldTheCallerMayNotWriteIsRefusedAndLeftAsStored() {
        send(alice, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": {\"id\": \"x1\", "
                + "\"title\": \"t\", \"notes\": \"mine\"}}").assertError(403, "FORBIDDEN", "record.notes");
        send(alice, "POST", "/mutation", TODO + "\"operation\": \"merge\", \"id\": \"" + todoId
                + "\", \"record\": {\"notes\": \"changed\"}}").assertError(403, "FORBIDDEN", "record.notes");
        send(alice, "PATCH", "/resources/todos/" + todoId, "{\"clientId\": \"c\", \"mutationId\": \"p1\", "
                + "\"record\": {\"notes\": \"changed\"}}").assertError(403, "FORBIDDEN", "record.notes");
        Reply pushed = send(alice, "POST", "/push", "{\"mutations\": [" + TODO + "\"operation\": \"merge\", \"id\": \""
                + todoId + "\", \"clientId\": \"c\", \"mutationId\": \"p2\", \"record\": {\"notes\": \"changed\"}}]}");
        assertThat(pushed.body().at("/result/results/0/error/code").textValue()).as(pushed.raw()).isEqualTo("FORBIDDEN");
        send(alice, "POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"x2\", \"title\": \"t\", \"notes\": \"n\"}]}}")
                .assertError(403, "FORBIDDEN", "data.todos[0].notes");

        // A replace sets every field the caller may write; the notes it may not write stay as stored.
        Reply replaced = send(alice, "POST", "/mutation", TODO + "\"operation\": \"replace\", \"id\": \"" + todoId
                + "\", \"record\": {\"title\": \"Pay the rent\"}}");
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        JsonNode stored = send(admin, "POST", "/query", TODO + "\"filters\": {\"id\": \"" + todoId + "\"}}")
                .body().at("/result/data/0");
        assertThat(stored.path("title").textValue()).isEqualTo("Pay the rent");
        assertThat(stored.path("notes").textValue()).as("nothing refused was written").isEqualTo("account 1234");
        assertThat(send(admin, "POST", "/query", TODO + "\"filters\": {\"id\": {\"in\": [\"x1\", \"x2\"]}}}")
                .body().at("/result/data")).isEmpty();
        assertThat(send(admin, "POST", "/mutation", TODO + "\"operation\": \"merge\", \"id\": \"" + todoId
                + "\", \"record\": {\"notes\": \"account 5678\"}}").status()).isEqualTo(200);
    }

    @Test
    void withDebugOffARefusalNamesNoResourceFieldOrRule() {
        try (ServedEngine quiet = ServedEngine.start(testDatabase.open(), b -> b
                        .policy("todos", ResourcePolicy.of("anyone", "anyone").field("notes", "claim:admin", "claim:admin"))
                        .policy("tags", ResourcePolicy.of("claim:admin", "claim:admin")),
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).debug(false).build())) {
            List<Reply> refusals = List.of(
                    send(quiet, alice, "POST", "/query", TODO + "\"select\": [\"notes\"]}"),
                    send(quiet, alice, "POST", "/query", TODO + "\"filters\": {\"tags.name\": \"x\"}}"),
                    send(quiet, alice, "POST", "/query", "{\"resource\": \"tags\", \"version\": 1}"),
                    send(quiet, alice, "POST", "/mutation", "{\"resource\": \"projects\", \"version\": 1, "
                            + "\"operation\": \"insert\", \"record\": {\"name\": \"x\"}}"),
                    send(quiet, alice, "POST", "/clone", "{\"tables\": [\"tags\"]}"),
                    send(quiet, alice, "GET", "/resources/tags", null));
            for (Reply refused : refusals) {
                assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
                assertThat(refused.body().at("/error/message").textValue()).as(refused.raw())
                        .doesNotContainIgnoringCase("notes").doesNotContainIgnoringCase("tags")
                        .doesNotContainIgnoringCase("projects").doesNotContainIgnoringCase("todos")
                        .doesNotContainIgnoringCase("admin").doesNotContainIgnoringCase("policy");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------



    private Reply send(String token, String method, String path, String body) {
        return served.send(token, method, path, body);
    }

    private static Reply send(ServedEngine server, String token, String method, String path, String body) {
        return server.send(token, method, path, body);
    }

    private static void assertCode(Reply reply, String pointer, String code) {
        assertThat(reply.body().at(pointer).textValue()).as(reply.raw()).isEqualTo(code);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }


}
