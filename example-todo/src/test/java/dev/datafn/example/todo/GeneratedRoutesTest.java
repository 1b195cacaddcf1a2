package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabases;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated {@code <Record>Routes} and {@code <Record>Repository} used as an application would:
 * {@link TodoRoutes} and {@link ProjectRoutes} mounted on a Helidon server of their own (not the engine's
 * {@code httpService()}), spoken to over real HTTP, with the repositories reading and writing the same
 * records in the default namespace both work in. H2 only: the database is not what is under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedRoutesTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private DataFn datafn;
    private WebServer server;
    private TodoRepository todos;

    @BeforeAll
    void start() {
        // Without authentication no caller holds the admin claim the example asks of project writers.
        datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(TestDatabases.h2())
                .policy("projects", ResourcePolicy.of("anyone", "anyone")).build();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> {
                    DataFnHttp api = DataFnHttp.builder(datafn).build();
                    r.register("/api", new TodoRoutes(api), new ProjectRoutes(api));
                })
                .build()
                .start();
        todos = new TodoRepository(datafn);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (datafn != null) {
            datafn.close();
        }
    }

    @Test
    void theRoutesWriteWhatTheRepositoryReads() {
        String title = unique("Paint the fence");
        JsonNode created = send("POST", "/api/resources/todos", """
                {"clientId": "c", "mutationId": "%s", "record": {"title": "%s", "priority": 2}}"""
                .formatted(unique("m"), title));
        String id = created.at("/result/id").textValue();
        Todo stored = todos.get(id).orElseThrow();
        assertThat(stored.title()).isEqualTo(title);
        assertThat(stored.priority()).isEqualTo(2);
        assertThat(stored.completed()).as("the schema default").isFalse();

        send("PATCH", "/api/resources/todos/" + id, """
                {"clientId": "c", "mutationId": "%s", "record": {"completed": true}}""".formatted(unique("m")));
        assertThat(todos.get(id).orElseThrow().completed()).isTrue();

        send("DELETE", "/api/resources/todos/" + id + "?clientId=c&mutationId=" + unique("m"), null);
        assertThat(todos.get(id)).isEmpty();
    }

    @Test
    void theRoutesReadWhatTheRepositoryWrites() {
        String title = unique("Buy milk");
        Todo saved = todos.insert(new Todo(null, title, false, 4, LocalDate.of(2026, 12, 24), "2 litres", null,
                List.of(), null, null));

        JsonNode listed = send("GET", "/api/resources/todos?q=" + dfql(
                "{\"filters\": {\"title\": \"" + title + "\"}, \"limit\": 10}"), null);
        assertThat(listed.at("/result/data")).hasSize(1);
        assertThat(listed.at("/result/data/0/id").textValue()).isEqualTo(saved.id());
        assertThat(listed.at("/result/data/0/dueDate").textValue()).isEqualTo("2026-12-24");
        assertThat(listed.at("/result/data/0/notes").textValue()).isEqualTo("2 litres");

        Todo merged = todos.merge(saved.id(), m -> m.set(TodoFields.COMPLETED, true).clear(TodoFields.NOTES));
        JsonNode after = send("GET", "/api/resources/todos?q=" + dfql(
                "{\"filters\": {\"id\": \"" + saved.id() + "\"}}"), null).at("/result/data/0");
        assertThat(after.get("completed").booleanValue()).isTrue().isEqualTo(merged.completed());
        assertThat(after.get("notes").isNull()).isTrue();
        assertThat(after.get("title").textValue()).as("not changed by the merge").isEqualTo(title);
    }

    @Test
    void eachRoutesClassServesItsOwnResourceOnly() {
        String name = unique("Home");
        JsonNode created = send("POST", "/api/resources/projects", """
                {"clientId": "c", "mutationId": "%s", "record": {"name": "%s"}}""".formatted(unique("m"), name));
        assertThat(new ProjectRepository(datafn).get(created.at("/result/id").textValue()))
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo(name));

        assertThat(status("GET", "/api/resources/tags")).as("TagRoutes is not mounted").isEqualTo(404);
    }

    /** Served on their own mount, the routes refuse seed 002's path traversals like the engine's service. */
    @Test
    void theRoutesRefusePathTraversal() {
        for (String path : List.of("/api/resources/todos/..%2Fadmin", "/api/resources/todos/a%00b",
                "/api/resources/todos/x/..", "/api/resources/todos/%2e%2e")) {
            assertThat(status("GET", path)).as(path).isEqualTo(400);
            assertThat(status("DELETE", path + "?clientId=c&mutationId=m")).as(path).isEqualTo(400);
        }
    }

    @Test
    void theRepositoryFindsCountsAndWorksInsideATransaction() {
        String title = unique("Water the plants");
        List<Todo> inserted = datafn.transact(Namespace.DEFAULT, null, tx -> {
            TodoRepository inTx = TodoRepository.in(tx);
            Todo first = inTx.insert(new Todo(null, title, false, 1, null, null, null, List.of(), null, null));
            Todo second = inTx.insert(new Todo(null, title, true, 3, null, null, null, List.of(), null, null));
            return List.of(first, second);
        });

        TodoQuery sameTitle = TodoQuery.where(TodoFields.TITLE.eq(title));
        assertThat(todos.find(sameTitle.orderBy(TodoFields.PRIORITY.desc())).items())
                .extracting(Todo::id).containsExactly(inserted.get(1).id(), inserted.get(0).id());
        assertThat(todos.count(sameTitle)).isEqualTo(2);
        assertThat(todos.count(sameTitle.filter(TodoFields.COMPLETED.isTrue()))).isEqualTo(1);
        assertThat(todos.findWhere(TodoFields.TITLE.eq(title).and(TodoFields.PRIORITY.gte(2)), 10))
                .containsExactly(inserted.get(1));
        assertThat(todos.findWhere(TodoFields.TITLE.eq(title), 1)).hasSize(1);
    }

    @Test
    void aMergeChangesOnlyTheRecordItWasAskedFor() {
        Todo saved = todos.insert(new Todo(null, unique("Call mom"), false, null, null, null, null, List.of(),
                null, null));

        assertThatThrownBy(() -> todos.merge(saved.id(), m -> TodoMutations.merge("td_other")
                .set(TodoFields.COMPLETED, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'td_other'");
        assertThat(todos.get(saved.id())).contains(saved);
    }

    private JsonNode send(String method, String path, String body) {
        HttpResponse<String> response = exchange(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            assertThat(json.get("ok").booleanValue()).as(response.body()).isTrue();
            return json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(String method, String path) {
        return exchange(method, path, null).statusCode();
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String dfql(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
