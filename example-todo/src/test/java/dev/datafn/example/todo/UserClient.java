package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Speaks to a {@link ServedEngine} over real HTTP as a user named in the {@code X-User} header (the
 * suites' namespace providers map it to {@code user:<name>}), and reads the answers as envelopes.
 */
final class UserClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ServedEngine served;

    /** @param served the engine to call */
    UserClient(ServedEngine served) {
        this.served = served;
    }

    /** A status and the parsed envelope, with the assertions every limit and REST test makes. */
    record Reply(int status, JsonNode body, String raw) {

        /** @return the envelope's {@code result} */
        JsonNode result() {
            return body.get("result");
        }

        /** @return this reply, after checking it is a 200 success envelope */
        Reply assertOk() {
            assertThat(status).as(raw).isEqualTo(200);
            assertThat(body.get("ok").booleanValue()).as(raw).isTrue();
            return this;
        }

        /**
         * Checks a refusal: status, code, the JSON path of the offending part, and a message naming what
         * was broken (for a limit, its name).
         *
         * @param expectedStatus the HTTP status
         * @param code           the error code
         * @param path           the error path
         * @param named          a part of the message, e.g. {@code maxLimit}
         * @return this reply
         */
        Reply assertRefused(int expectedStatus, String code, String path, String named) {
            assertThat(status).as(raw).isEqualTo(expectedStatus);
            assertThat(body.get("ok").booleanValue()).as(raw).isFalse();
            assertError(body.get("error"), code, path, named);
            return this;
        }

        /**
         * Checks an error object inside an answer (a batch item, a push result, a transaction's failed step).
         *
         * @param error the {@code error} object
         * @param code  the error code
         * @param path  the error path
         * @param named a part of the message
         */
        static void assertError(JsonNode error, String code, String path, String named) {
            assertThat(error).as("an error object").isNotNull();
            assertThat(error.path("code").textValue()).as(error.toString()).isEqualTo(code);
            assertThat(error.path("path").textValue()).as(error.toString()).isEqualTo(path);
            assertThat(error.path("message").textValue()).as(error.toString()).contains(named);
        }
    }

    /**
     * @param user   the caller, sent as {@code X-User}
     * @param method the HTTP method
     * @param path   the path under the mount, e.g. {@code /query}
     * @param body   the JSON body, or {@code null} for none
     * @return the reply
     */
    Reply send(String user, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param user the caller @param path the path @param body the JSON body @return the reply to a POST */
    Reply post(String user, String path, String body) {
        return send(user, "POST", path, body);
    }

    /** @param user the caller @param path the path @return the reply to a GET */
    Reply get(String user, String path) {
        return send(user, "GET", path, null);
    }

    /** @param json a JSON text @return it encoded as a query parameter value */
    static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }
}
