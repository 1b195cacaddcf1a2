package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.example.todo.JsonHttpClient.Reply;
import dev.datafn.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server publishes matches what the server answers: every documented example
 * request, sent in document order to an empty namespace, is valid against its request schema, answers 200,
 * and its answer is valid against the operation's response schema; a bad request answers the documented
 * error envelope.
 */
@OnEveryDatabase
class OpenApiExamplesTest extends AbstractServedTest {

    /** Each path's operations in the order their examples build on each other: create, read, change, delete. */
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** @return the document the running server publishes */
    private OpenApiContract contract() {
        Reply reply = client.get("/openapi.json");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return new OpenApiContract(reply.body());
    }

    @Test
    void servesTheDocumentOfTheClassPathAsJson() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(served.url("/openapi.json"))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(classPathDocument("openapi.json"));
        assertThat(Json.MAPPER.readTree(response.body()).path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void everyDocumentedExampleIsAcceptedAndAnsweredAsDocumented() {
        OpenApiContract contract = contract();
        JsonNode document = contract.document();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    problems.addAll(send(contract, method, path.getKey(), operation));
                    sent++;
                }
            }
        }

        assertThat(problems).isEmpty();
        // Every endpoint of the protocol and six REST calls for each of the example's three resources and kv.
        assertThat(sent).isEqualTo(10 + 4 * 6);
    }

    @Test
    void aBadRequestAnswersTheDocumentedErrorEnvelope() {
        OpenApiContract contract = contract();
        JsonNode operation = contract.document().at("/paths/~1query/post");

        Reply reply = client.post("/query", "{\"resource\": \"nope\", \"version\": 1}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(contract.violations(operation.at("/responses/default/content/application~1json/schema"),
                reply.body())).isEmpty();
        assertThat(reply.errorCode()).isEqualTo("DFQL_UNKNOWN_RESOURCE");
        // The same answer breaks the success schema: the check can tell the two apart.
        assertThat(contract.violations(operation.at("/responses/200/content/application~1json/schema"),
                reply.body())).isNotEmpty();
    }

    @Test
    void theQuerySchemaAcceptsWhatTheServerAcceptsAndRefusesWhatItRefuses() throws Exception {
        OpenApiContract contract = contract();
        JsonNode todoQuery = Json.MAPPER.readTree("{\"$ref\": \"#/components/schemas/TodoQuery\"}");
        JsonNode queryAnswer = contract.document().at("/paths/~1query/post/responses/200/content/application~1json/schema");
        List<String> accepted = List.of(
                "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"priority\": {\"between\": [1, 3]}, "
                        + "\"title\": {\"ilike\": \"%a%\"}, \"project.name\": \"Home\"}, \"sort\": [\"dueDate:desc\"]}",
                "{\"resource\": \"todos\", \"version\": 1, \"groupBy\": [\"completed\"], "
                        + "\"aggregations\": {\"n\": {\"fn\": \"count\"}}, \"sort\": [\"n:desc\"]}");
        List<String> refused = List.of(
                "{\"resource\": \"todos\", \"version\": 1, \"sort\": [\"titel:asc\"]}",
                "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"completed\": {\"gt\": false}}}",
                "{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"tags\": {\"eq\": \"tg_1\"}}}",
                "{\"resource\": \"todos\", \"version\": 1, \"limit\": -1}");

        for (String query : accepted) {
            assertThat(contract.violations(todoQuery, Json.MAPPER.readTree(query))).as(query).isEmpty();
            Reply reply = client.post("/query", query);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            assertThat(contract.violations(queryAnswer, reply.body())).as(reply.raw()).isEmpty();
        }
        for (String query : refused) {
            assertThat(contract.violations(todoQuery, Json.MAPPER.readTree(query))).as(query).isNotEmpty();
            assertThat(client.post("/query", query).status()).as(query).isEqualTo(400);
        }
    }

    @Test
    void servesEachResourcesJsonSchema() throws Exception {
        Reply todos = client.get("/schemas/todos.json");
        Reply unknown = client.get("/schemas/nope.json");

        assertThat(todos.status()).isEqualTo(200);
        assertThat(todos.body()).isEqualTo(classPathDocument("schemas/todos.schema.json"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void servesTheTypeScriptDeclarationsAsText() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(served.url("/datafn.d.ts"))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo(classPathText("datafn.d.ts")).contains("export type TodoQuery = {");
    }

    /** Sends one operation's example; returns what did not match the document. */
    private List<String> send(OpenApiContract contract, String method, String template, JsonNode operation) {
        String name = method.toUpperCase() + " " + template;
        List<String> problems = new ArrayList<>();
        String path = template;
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String value = parameter.path("example").asText();
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.path("name").asText() + "}", encode(value));
            } else {
                query.add(parameter.path("name").asText() + "=" + encode(value));
            }
        }
        if (!query.isEmpty()) {
            path += "?" + String.join("&", query);
        }
        JsonNode media = operation.at("/requestBody/content/application~1json");
        byte[] body = null;
        if (!media.isMissingNode()) {
            contract.violations(media.path("schema"), media.path("example"))
                    .forEach(v -> problems.add(name + " example breaks its request schema: " + v));
            body = media.path("example").toString().getBytes(StandardCharsets.UTF_8);
        }
        Reply reply = client.send(method.toUpperCase(), path, body);
        if (reply.status() != 200) {
            problems.add(name + " answered " + reply.status() + ": " + reply.raw());
            return problems;
        }
        contract.violations(operation.at("/responses/200/content/application~1json/schema"), reply.body())
                .forEach(v -> problems.add(name + " answer breaks its response schema: " + v + " in " + reply.raw()));
        return problems;
    }

    private static JsonNode classPathDocument(String name) throws IOException {
        return Json.MAPPER.readTree(classPathText(name));
    }

    private static String classPathText(String name) throws IOException {
        // The test class path may hold more than one compilation's contracts: the example's are beside Todo.
        URI classes = URI.create(Todo.class.getProtectionDomain().getCodeSource().getLocation().toString());
        try (InputStream in = classes.resolve("META-INF/datafn/" + name).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
