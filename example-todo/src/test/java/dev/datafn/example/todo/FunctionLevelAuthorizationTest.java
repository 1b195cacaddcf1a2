package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * OWASP API5 (broken function level authorization): each action the authorizer refuses is refused on
 * every endpoint that performs it, REST wrappers included, before anything is read or written; the
 * other actions still pass. The refused action is named per request by a header, so one server tries
 * every action against every endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class FunctionLevelAuthorizationTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    /** Each action of seed 000 and the requests that perform it. */
    private static final Map<String, List<String[]>> ENDPOINTS = Map.of(
            "status", List.<String[]>of(new String[] {"GET", "/status", null}),
            "query", List.of(new String[] {"POST", "/query", TODO + "\"limit\": 1}"},
                    new String[] {"POST", "/query", "[" + TODO + "\"limit\": 1}]"},
                    new String[] {"GET", "/resources/todos", null},
                    new String[] {"GET", "/resources/todos/td-1", null}),
            "mutation", List.of(new String[] {"POST", "/mutation", TODO + "\"operation\": \"insert\", "
                            + "\"record\": {\"title\": \"refused\"}}"},
                    new String[] {"POST", "/mutation", "[" + TODO + "\"operation\": \"insert\", "
                            + "\"record\": {\"title\": \"refused\"}}]"},
                    new String[] {"POST", "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"%s\", "
                            + "\"record\": {\"title\": \"refused\"}}"},
                    new String[] {"PUT", "/resources/todos/td-2", "{\"clientId\": \"c\", \"mutationId\": \"%s\", "
                            + "\"record\": {\"title\": \"refused\"}}"},
                    new String[] {"PATCH", "/resources/todos/td-1", "{\"clientId\": \"c\", \"mutationId\": \"%s\", "
                            + "\"record\": {\"title\": \"refused\"}}"},
                    new String[] {"DELETE", "/resources/todos/td-1?clientId=c&mutationId=%s", null}),
            "transact", List.<String[]>of(new String[] {"POST", "/transact", "{\"steps\": [{\"mutation\": " + TODO
                    + "\"operation\": \"insert\", \"record\": {\"title\": \"refused\"}}}]}"}),
            "seed", List.<String[]>of(new String[] {"POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"td-3\", "
                    + "\"title\": \"refused\"}]}}"}),
            "clone", List.<String[]>of(new String[] {"POST", "/clone", "{\"tables\": [\"todos\"]}"}),
            "pull", List.<String[]>of(new String[] {"POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}"}),
            "push", List.<String[]>of(new String[] {"POST", "/push", "{\"mutations\": [" + TODO + "\"operation\": "
                    + "\"insert\", \"clientId\": \"c\", \"mutationId\": \"%s\", \"record\": {\"title\": \"refused\"}}]}"}),
            "reconcile", List.<String[]>of(new String[] {"POST", "/reconcile", "{\"counts\": {\"todos\": 0}}"}));

    private final HttpClient http = HttpClient.newHttpClient();
    private final JwtAuthenticator jwt = JwtAuthenticator.hs256(randomSecret());
    private final Set<String> actionsSeen = ConcurrentHashMap.newKeySet();
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> DataFnHttp.builder(datafn)
                .authenticate(jwt).rest(true)
                .authorize((req, action, payload) -> {
                    actionsSeen.add(action);
                    return !req.headers().first(io.helidon.http.HeaderNames.create("X-Refuse")).orElse("")
                            .equals(action);
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
    void aRefusedActionIsRefusedOnEveryEndpointThatPerformsIt() {
        String token = jwt.issue("user-" + UUID.randomUUID(), null, Duration.ofMinutes(10), Map.of("admin", true));
        send(token, null, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": {\"id\": \"td-1\", "
                + "\"title\": \"before\"}}");
        int refused = 0;
        for (Map.Entry<String, List<String[]>> action : ENDPOINTS.entrySet()) {
            for (String[] call : action.getValue()) {
                String body = call[2] == null ? null : call[2].formatted(UUID.randomUUID());
                String path = call[1].formatted(UUID.randomUUID());
                Answer answer = send(token, action.getKey(), call[0], path, body);
                assertThat(answer.status()).as(answer.raw()).isEqualTo(403);
                assertThat(answer.body().at("/error/code").textValue()).isEqualTo("FORBIDDEN");
                refused++;
                Answer allowed = send(token, "another-action", call[0], call[1].formatted(UUID.randomUUID()),
                        call[2] == null ? null : call[2].replace("refused", "allowed").formatted(UUID.randomUUID()));
                assertThat(allowed.status()).as("without the refusal: " + allowed.raw()).isIn(200, 404);
            }
        }
        assertThat(refused).isEqualTo(ENDPOINTS.values().stream().mapToInt(List::size).sum());
        assertThat(actionsSeen).containsAll(ENDPOINTS.keySet());

        // Only the allowed writes happened: the refused ones wrote nothing.
        JsonNode titles = send(token, null, "POST", "/query", TODO + "\"select\": [\"title\"], \"limit\": 100}")
                .body().at("/result/data");
        assertThat(titles.toString()).contains("allowed").doesNotContain("refused");
    }

    private Answer send(String token, String refuse, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (refuse != null) {
            b.header("X-Refuse", refuse);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()), method + " " + path + " -> "
                    + r.statusCode() + " " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** One answer, with the request and raw body for failure messages. */
    private record Answer(int status, JsonNode body, String raw) {
    }
}
