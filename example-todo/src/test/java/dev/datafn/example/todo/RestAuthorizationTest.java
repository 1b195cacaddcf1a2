package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The REST wrappers are authorized as their DFQL equivalents: the authorizer sees the query or mutation
 * object a call stands for, so a per-resource decision holds on REST as on {@code /query} and
 * {@code /mutation}; and {@code GET /resources/:resource/:id} answers one record of the caller's
 * namespace, 404 for any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class RestAuthorizationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        // Projects may be read by anyone and written by no one: a decision on the operation's resource.
        served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> DataFnHttp.builder(datafn).rest(true)
                .namespaceProvider(req -> Namespace.user(req.headers().first(
                        io.helidon.http.HeaderNames.create("X-User")).orElseThrow()))
                .authorize((req, action, payload) -> {
                    seen.add(payload == null ? Json.MAPPER.nullNode() : payload);
                    return !(action.equals("mutation") && payload != null
                            && "projects".equals(payload.path("resource").asText()));
                })
                .build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void theAuthorizerSeesEveryRestCallInItsDfqlForm() {
        seen.clear();
        assertThat(call(alice, "POST", "/resources/projects", "{\"clientId\": \"c\", \"mutationId\": \"p1\", "
                + "\"record\": {\"name\": \"Home\"}}").at("/error/code").textValue()).isEqualTo("FORBIDDEN");
        assertThat(call(alice, "DELETE", "/resources/projects/p-1?clientId=c&mutationId=p2", null)
                .at("/error/code").textValue()).isEqualTo("FORBIDDEN");
        assertThat(call(alice, "POST", "/mutation", "{\"resource\": \"projects\", \"version\": 1, "
                + "\"operation\": \"insert\", \"record\": {\"name\": \"Home\"}}").at("/error/code").textValue())
                .isEqualTo("FORBIDDEN");
        assertThat(call(alice, "GET", "/resources/projects", null).at("/ok").booleanValue()).isTrue();
        assertThat(call(alice, "POST", "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"t1\", "
                + "\"record\": {\"title\": \"Allowed\"}}").at("/ok").booleanValue()).isTrue();
        assertThat(seen).extracting(p -> p.path("resource").asText())
                .containsExactly("projects", "projects", "projects", "projects", "todos");
        assertThat(seen.get(1).path("operation").asText()).isEqualTo("delete");
        assertThat(seen.get(1).path("id").asText()).isEqualTo("p-1");
        assertThat(served.datafn().query(Namespace.user(alice), Json.parse(
                "{\"resource\": \"projects\", \"version\": 1, \"count\": true}".getBytes(), "")).count()).isZero();
    }

    @Test
    void oneRecordByIdIsFoundOnlyInItsNamespace() {
        JsonNode saved = call(alice, "POST", "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"g1\", "
                + "\"record\": {\"title\": \"Alice's\"}}");
        String id = saved.at("/result/id").textValue();
        JsonNode mine = call(alice, "GET", "/resources/todos/" + id, null);
        assertThat(mine.at("/result/title").textValue()).as(mine.toString()).isEqualTo("Alice's");
        for (JsonNode absent : List.of(call(bob, "GET", "/resources/todos/" + id, null),
                call(alice, "GET", "/resources/todos/no-such-id", null))) {
            assertThat(absent.at("/error/code").textValue()).as(absent.toString()).isEqualTo("NOT_FOUND");
            assertThat(absent.at("/error/path").textValue()).isEqualTo("id");
        }
    }

    private JsonNode call(String user, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return Json.MAPPER.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
