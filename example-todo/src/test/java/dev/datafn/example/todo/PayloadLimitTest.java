package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code maxPayloadBytes} at the limit and one byte past it, with the length declared and with a chunked
 * body of unknown length: the body at the limit is read, the one past it is answered 413 without being
 * read whole. H2 only: the database is not what is under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadLimitTest {

    private static final int LIMIT = 1024;

    private final HttpClient http = HttpClient.newHttpClient();
    private ServedEngine served;

    @BeforeAll
    void start() {
        served = ServedEngine.start(TestDatabases.h2(), b -> b.limits(l -> l.maxPayloadBytes(LIMIT)),
                datafn -> DataFnHttp.builder(datafn).build());
    }

    @AfterAll
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void aBodyAtTheLimitIsReadAndOnePastItIsRefused() {
        for (boolean chunked : new boolean[] {false, true}) {
            assertThat(post(query(LIMIT), chunked).at("/ok").booleanValue()).as("at the limit, chunked " + chunked)
                    .isTrue();
            JsonNode past = post(query(LIMIT + 1), chunked);
            assertThat(past.at("/error/code").textValue()).as("past the limit, chunked " + chunked)
                    .isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    /** A valid query padded with spaces to exactly {@code size} bytes. */
    private static byte[] query(int size) {
        String q = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}";
        return (q + " ".repeat(size - q.length())).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode post(byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url("/query")))
                .POST(publisher).build();
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
