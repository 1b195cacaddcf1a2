package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.db.Database;
import dev.datafn.json.Json;
import dev.datafn.spi.NamespaceProvider;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Namespaces over HTTP: a provider maps the {@code X-User} header to {@code user:<id>}; one user's
 * records are invisible to another on query, mutation by id and REST, and a request the provider
 * cannot place is refused rather than served from a default namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class HttpNamespaceTest {

    private static final io.helidon.http.HeaderName USER = HeaderNames.create("X-User");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    private DataFn datafn;
    private WebServer server;
    private Database db;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    /** @return the database this run uses; the run is skipped when it is not configured */
    private Database database() {
        return testDatabase.open();
    }

    @BeforeParameterizedClassInvocation
    void start() {
        db = database();
        datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(db).build();
        DataFnHttp http = DataFnHttp.builder(datafn).rest(true)
                .namespaceProvider(req -> Namespace.user(req.headers().first(USER).orElseThrow()))
                .authorize((req, action, payload) -> !"blocked".equals(req.headers().first(USER).orElse("")))
                .build();
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register("/datafn", http)).build().start();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (datafn != null) {
            datafn.close();
            datafn = null;
        }
    }

    private JsonNode call(String user, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/datafn" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("X-User", user);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.MAPPER.readTree(r.body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("status", r.statusCode());
            return json;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachUserSeesAndTouchesOnlyTheirOwnRecords() {
        JsonNode created = call(alice, "POST", "/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t-1", "title": "Alice's"}}""");
        assertThat(created.get("status").intValue()).as(created.toString()).isEqualTo(200);

        String all = "{\"resource\": \"todos\", \"version\": 1, \"count\": true}";
        assertThat(call(alice, "POST", "/query", all).at("/result/count").intValue()).isEqualTo(1);
        assertThat(call(bob, "POST", "/query", all).at("/result/count").intValue()).isZero();
        assertThat(call(bob, "GET", "/resources/todos", null).at("/result/data").size()).isZero();

        JsonNode hijack = call(bob, "PATCH", "/resources/todos/t-1",
                "{\"clientId\": \"c\", \"mutationId\": \"m\", \"record\": {\"title\": \"Bob's now\"}}");
        assertThat(hijack.get("status").intValue()).isEqualTo(404);
        assertThat(hijack.at("/error/code").textValue()).isEqualTo("NOT_FOUND");
        JsonNode delete = call(bob, "DELETE", "/resources/todos/t-1?clientId=c&mutationId=m2", null);
        assertThat(delete.get("status").intValue()).isEqualTo(404);

        assertThat(call(alice, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1}")
                .at("/result/data/0/title").textValue()).isEqualTo("Alice's");
    }

    /** Every sync surface, and transact, tried against another user's record: it answers like a missing one. */
    @Test
    void syncSurfacesShowAndTouchOnlyTheCallersRecords() {
        call(alice, "POST", "/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "s-1", "title": "Alice's"}}""");
        assertThat(call(bob, "POST", "/clone", "{\"tables\": [\"todos\"]}").at("/result/data/todos")).isEmpty();
        assertThat(call(bob, "POST", "/clone", "{\"tables\": [\"todos\"], \"limit\": 10}").at("/result/data/todos"))
                .isEmpty();
        assertThat(call(bob, "POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}").at("/result/records/todos")).isEmpty();
        assertThat(call(bob, "POST", "/reconcile", "{\"counts\": {\"todos\": 0}}").at("/result/tables/todos/action")
                .textValue()).isEqualTo("none");
        JsonNode push = call(bob, "POST", "/push", """
                {"mutations": [{"resource": "todos", "version": 1, "operation": "merge", "id": "s-1", "record": {"title": "Bob's"}}]}""");
        assertThat(push.at("/result/results/0/error/code").textValue()).isEqualTo("NOT_FOUND");
        assertThat(push.at("/result/results/0/error/path").textValue()).isEqualTo("mutations[0].id");
        JsonNode tx = call(bob, "POST", "/transact", """
                {"steps": [{"mutation": {"resource": "todos", "version": 1, "operation": "delete", "id": "s-1"}}]}""");
        assertThat(tx.at("/result/error/code").textValue()).isEqualTo("NOT_FOUND");
        JsonNode seeded = call(bob, "POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"s-1\", \"title\": \"Bob's own\"}]}}");
        assertThat(seeded.at("/result/inserted/todos").intValue()).as("ids are per namespace").isEqualTo(1);
        JsonNode alices = call(alice, "POST", "/clone", "{\"tables\": [\"todos\"]}");
        assertThat(alices.at("/result/data/todos").toString()).contains("Alice's").doesNotContain("Bob's");
        assertThat(call(alice, "POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}").at("/result/records/todos")
                .toString()).contains("s-1").doesNotContain("Bob's");
    }

    /** With rowLevelNamespace(false) every caller shares one data set; the provider still names the actor. */
    @Test
    void withoutRowLevelNamespacesEveryCallerSharesTheData() {
        DataFnBuilder shared = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(db);
        UnaryOperator<DataFnHttp.Builder> http = h -> h
                .namespaceProvider(NamespaceProvider.fromAuthContext(req -> req.headers().first(USER).orElse(null),
                        req -> null))
                .rowLevelNamespace(false);
        String id = "shared-" + UUID.randomUUID();
        withServer(shared, http, post -> {
            post.apply(Map.of("X-User", alice), "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"" + id + "\", \"title\": \"shared\"}}");
            JsonNode edited = post.apply(Map.of("X-User", bob), "{\"resource\": \"todos\", \"version\": 1, "
                    + "\"operation\": \"merge\", \"id\": \"" + id + "\", \"record\": {\"priority\": 2}}");
            assertThat(edited.get("ok").booleanValue()).as(edited.toString()).isTrue();
        });
        var changes = new ChangeLogReader(db).changes(Namespace.DEFAULT).stream()
                .filter(c -> c.recordId().equals(id)).toList();
        assertThat(changes).extracting(ChangeLogReader.StoredChange::actor).containsExactly(alice, bob);
    }

    /** Seed 001's namespace formats from the auth context: datafn, user:<id>, tenant:<t>:user:<id>. */
    @Test
    void theAuthContextProviderGivesSeedNamespaces() {
        DataFnBuilder tenants = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(db);
        UnaryOperator<DataFnHttp.Builder> http = h -> h
                .namespaceProvider(NamespaceProvider.fromAuthContext(req -> req.headers().first(USER).orElse(null),
                        req -> req.headers().first(HeaderNames.create("X-Tenant")).orElse(null)));
        String id = "ctx-" + UUID.randomUUID();
        String insert = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"t\"}}";
        withServer(tenants, http, post -> {
            post.apply(Map.of(), insert);
            post.apply(Map.of("X-User", alice), insert);
            post.apply(Map.of("X-User", alice, "X-Tenant", "acme"), insert);
        });
        ChangeLogReader log = new ChangeLogReader(db);
        assertThat(log.changes(Namespace.DEFAULT)).anyMatch(c -> c.recordId().equals(id) && c.actor() == null);
        assertThat(log.changes(Namespace.of("user:" + alice))).anyMatch(c -> c.recordId().equals(id) && alice.equals(c.actor()));
        assertThat(log.changes(Namespace.of("tenant:acme:user:" + alice))).anyMatch(c -> c.recordId().equals(id));
    }

    /** Serves the engine on a server of its own while the calls run, then closes both. */
    private static void withServer(DataFnBuilder engine, UnaryOperator<DataFnHttp.Builder> http,
            java.util.function.Consumer<java.util.function.BiFunction<Map<String, String>, String, JsonNode>> calls) {
        try (DataFn datafn = engine.build()) {
            WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(r -> r.register("/datafn", http.apply(DataFnHttp.builder(datafn)).build())).build().start();
            HttpClient client = HttpClient.newHttpClient();
            try {
                calls.accept((headers, body) -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/datafn/mutation")).POST(HttpRequest.BodyPublishers.ofString(body));
                    headers.forEach(request::header);
                    try {
                        return Json.MAPPER.readTree(client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void requestsWithoutANamespaceOrPermissionAreRefused() {
        JsonNode anonymous = call(null, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1}");
        assertThat(anonymous.get("status").intValue()).isEqualTo(403);
        assertThat(anonymous.at("/error/code").textValue()).isEqualTo("FORBIDDEN");
        JsonNode blocked = call("blocked", "GET", "/status", null);
        assertThat(blocked.get("status").intValue()).isEqualTo(403);
    }
}
