package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code maxPayloadBytes} at the limit and one byte past it, on every endpoint that reads a body (the
 * protocol's and the REST wrappers'), with the length declared and with a chunked body of unknown
 * length: the body at the limit is read and served, the one past it is answered 413 without being read
 * whole, and writes nothing. H2 only: the database is not what is under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadLimitTest {

    private static final int LIMIT = 1024;
    private static final String STORED_ID = "payload-1";

    private final HttpClient http = HttpClient.newHttpClient();
    private ServedEngine served;

    /** An endpoint that reads a body, and a valid body for it (fresh each time, for idempotency keys). */
    private record BodyEndpoint(String method, String path, Supplier<String> body) {
    }

    private static final BodyEndpoint[] ENDPOINTS = {
        new BodyEndpoint("POST", "/query", () -> "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}"),
        new BodyEndpoint("POST", "/mutation", () -> "{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                + "\"insert\", \"record\": {\"title\": \"x\"}}"),
        new BodyEndpoint("POST", "/transact", () -> "{\"steps\": [{\"query\": {\"resource\": \"todos\", "
                + "\"version\": 1}}]}"),
        new BodyEndpoint("POST", "/pull", () -> "{\"cursors\": {\"todos\": \"0\"}}"),
        new BodyEndpoint("POST", "/push", () -> "{\"mutations\": []}"),
        new BodyEndpoint("POST", "/clone", () -> "{\"tables\": [\"todos\"], \"limit\": 1}"),
        new BodyEndpoint("POST", "/reconcile", () -> "{\"counts\": {\"todos\": 0}}"),
        new BodyEndpoint("POST", "/seed", () -> "{\"data\": {\"todos\": [{\"id\": \"seeded\", \"title\": \"s\"}]}}"),
        new BodyEndpoint("POST", "/resources/todos", () -> restBody()),
        new BodyEndpoint("PATCH", "/resources/todos/" + STORED_ID, () -> restBody()),
        new BodyEndpoint("PUT", "/resources/todos/" + STORED_ID, () -> restBody()),
    };

    @BeforeAll
    void start() {
        served = ServedEngine.start(TestDatabases.h2(), b -> b.limits(l -> l.maxPayloadBytes(LIMIT)),
                datafn -> DataFnHttp.builder(datafn).rest(true).build());
        served.datafn().mutate(Namespace.DEFAULT, null, Json.parse(("{\"resource\": \"todos\", \"version\": 1, "
                + "\"operation\": \"insert\", \"record\": {\"id\": \"" + STORED_ID + "\", \"title\": \"x\"}}")
                .getBytes(StandardCharsets.UTF_8), ""));
    }

    @AfterAll
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void aBodyAtTheLimitIsReadAndOnePastItIsRefusedOnEveryEndpoint() {
        for (BodyEndpoint endpoint : ENDPOINTS) {
            for (boolean chunked : new boolean[] {false, true}) {
                String at = endpoint.method() + " " + endpoint.path() + (chunked ? ", chunked" : "");
                JsonNode atLimit = send(endpoint, padded(endpoint.body().get(), LIMIT), chunked);
                assertThat(atLimit.at("/ok").booleanValue()).as("at the limit: " + at + " " + atLimit).isTrue();

                long changes = changeCount();
                JsonNode past = send(endpoint, padded(endpoint.body().get(), LIMIT + 1), chunked);
                assertThat(past.at("/error/code").textValue()).as("past the limit: " + at + " " + past)
                        .isEqualTo("PAYLOAD_TOO_LARGE");
                assertThat(past.at("/error/message").textValue()).contains("maxPayloadBytes");
                assertThat(changeCount()).as("nothing written past the limit: " + at).isEqualTo(changes);
            }
        }
    }

    private static String restBody() {
        return "{\"clientId\": \"c\", \"mutationId\": \"" + UUID.randomUUID() + "\", \"record\": {\"title\": \"y\"}}";
    }

    /** A valid body padded with spaces to exactly {@code size} bytes. */
    private static byte[] padded(String body, int size) {
        return (body + " ".repeat(size - body.length())).getBytes(StandardCharsets.UTF_8);
    }

    /** @return how many changes the namespace's change log holds: a pull without cursors to advance */
    private long changeCount() {
        return served.datafn().pull(Namespace.DEFAULT, Json.parse("{\"cursors\": {\"todos\": \"0\"}}"
                .getBytes(StandardCharsets.UTF_8), "")).at("/cursors/todos").asLong();
    }

    private JsonNode send(BodyEndpoint endpoint, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url(endpoint.path())))
                .method(endpoint.method(), publisher).build();
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
