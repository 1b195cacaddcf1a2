package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.RateLimit;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 000's rate limit over HTTP: each namespace has its own budget, an endpoint with a rule of its own
 * has its own budget, and a request over budget is answered 429 with {@code Retry-After} and changes
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class RateLimitTest {

    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"count\": true}";
    private static final String INSERT = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
            + "\"record\": {\"title\": \"limited\"}}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.user(req.headers().first(HeaderNames.create("X-User")).orElseThrow()))
                .rateLimit(RateLimit.of(3, Duration.ofMinutes(10)).endpoint("mutation", 1, Duration.ofMinutes(10)))
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
    void eachNamespaceAndEndpointRuleHasItsOwnBudget() {
        String alice = "alice-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(post(alice, "/query", QUERY).status()).isEqualTo(200);
        }
        Reply over = post(alice, "/query", QUERY);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body().at("/error/code").textValue()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(over.retryAfter())).isBetween(1L, 600L);
        assertThat(post("bob-" + UUID.randomUUID(), "/query", QUERY).status()).as("another namespace").isEqualTo(200);
        assertThat(post(alice, "/mutation", INSERT).status()).as("mutation has a budget of its own").isEqualTo(200);
        Reply secondWrite = post(alice, "/mutation", INSERT);
        assertThat(secondWrite.status()).isEqualTo(429);
        assertThat(served.datafn().query(Namespace.user(alice), Json.parse(QUERY.getBytes(), "")).count())
                .as("the refused write changed nothing").isEqualTo(1);
    }

    private record Reply(int status, JsonNode body, String retryAfter) {
    }

    private Reply post(String user, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), Json.MAPPER.readTree(r.body()), r.headers().firstValue("Retry-After").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
