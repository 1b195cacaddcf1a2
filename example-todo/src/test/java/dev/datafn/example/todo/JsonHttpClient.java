package dev.datafn.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends requests to a served engine and keeps each answer's status, raw text and parsed JSON, so a suite
 * can assert on what a client receives byte for byte as well as on its structure.
 */
final class JsonHttpClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String mount;

    /** @param mount the URL the service is mounted at, e.g. {@code http://127.0.0.1:8080/datafn} */
    JsonHttpClient(String mount) {
        this.mount = mount;
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param raw    the body as received
     * @param body   the body parsed as JSON, or {@code null} when it is not JSON
     */
    record Reply(int status, String raw, JsonNode body) {

        /** @return the error code of the envelope, or {@code null} */
        String errorCode() {
            return body == null ? null : body.at("/error/code").textValue();
        }

        /** @return the error path of the envelope, or {@code null} */
        String errorPath() {
            return body == null ? null : body.at("/error/path").textValue();
        }

        /** @return the error message of the envelope, or {@code null} */
        String errorMessage() {
            return body == null ? null : body.at("/error/message").textValue();
        }
    }

    /** @param path a path under the mount @param body the JSON body @return the answer */
    Reply post(String path, String body) {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** @param path a path under the mount, with its query string already encoded @return the answer */
    Reply get(String path) {
        return send("GET", path, null);
    }

    /**
     * @param method the HTTP method
     * @param path   a path under the mount, with its query string already encoded
     * @param body   the body, or {@code null} for none
     * @return the answer
     */
    Reply send(String method, String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(mount + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? null : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
