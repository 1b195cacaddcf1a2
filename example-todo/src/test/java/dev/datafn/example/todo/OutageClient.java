package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a server as a user named in {@code X-User} while a dependency of it (PostgreSQL, Redis) is away, and
 * checks what an outage may answer: 503 {@code SERVICE_UNAVAILABLE} in the envelope, with a {@code Retry-After}
 * when told to expect one, and a message that shows nothing of the server's insides.
 */
final class OutageClient {

    /** Far longer than any bounded wait of the server: a request that takes this long hung. */
    private static final Duration HUNG = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String mount;

    /** @param mount the server's mount, e.g. {@code http://127.0.0.1:8080/datafn} */
    OutageClient(String mount) {
        this.mount = mount;
    }

    /**
     * One answer.
     *
     * @param status     the HTTP status
     * @param body       the parsed body, or {@code null} when it is not JSON
     * @param raw        the request and the body as text, for failure messages
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     */
    record Answer(int status, JsonNode body, String raw, String retryAfter) {

        /** @return whether this is a 200 success envelope */
        boolean ok() {
            return status == 200 && body != null && body.path("ok").asBoolean();
        }

        /** @return this answer, after checking it is a 200 success envelope */
        Answer assertOk() {
            assertThat(ok()).as(raw).isTrue();
            return this;
        }

        /** @return whether this is 503 */
        boolean unavailable() {
            return status == 503;
        }

        /**
         * Checks this is the outage answer: 503, {@code SERVICE_UNAVAILABLE} in the envelope, no internals shown.
         *
         * @param withRetryAfter whether a {@code Retry-After} header must say when to try again
         * @return this answer
         */
        Answer assertUnavailable(boolean withRetryAfter) {
            assertThat(status).as(raw).isEqualTo(503);
            assertThat(body).as(raw).isNotNull();
            assertThat(body.path("ok").asBoolean(true)).as(raw).isFalse();
            assertThat(body.at("/error/code").textValue()).as(raw).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(EnvelopeRules.internalsShownBy(body.at("/error/message").asText())).as(raw).isEmpty();
            if (withRetryAfter) {
                assertThat(retryAfter).as("Retry-After of " + raw).isNotNull();
                assertThat(Long.parseLong(retryAfter)).as(raw).isPositive();
            }
            return this;
        }
    }

    /**
     * @param user the caller
     * @param path a path under the mount, e.g. {@code /mutation}
     * @param body the JSON body
     * @return the answer; the request fails the test when it takes longer than a minute (it hung)
     */
    Answer post(String user, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(mount + path)).timeout(HUNG)
                .header("X-User", user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                parsed = null;
            }
            return new Answer(r.statusCode(), parsed, "POST " + path + " as " + user + " -> " + r.statusCode() + " "
                    + r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " as " + user + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An insert into {@code todos} with a stable record id, client id and mutation id, so that sending it again
     * is a retry the server dedupes.
     *
     * @param clientId   the client id
     * @param mutationId the mutation id, also the record's id
     * @param title      the record's title
     * @return the mutation's JSON
     */
    static String insert(String clientId, String mutationId, String title) {
        return Json.MAPPER.valueToTree(java.util.Map.of("resource", "todos", "version", 1, "operation", "insert",
                "clientId", clientId, "mutationId", mutationId,
                "record", java.util.Map.of("id", mutationId, "title", title))).toString();
    }
}
