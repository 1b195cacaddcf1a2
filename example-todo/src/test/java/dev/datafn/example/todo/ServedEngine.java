package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An engine over the example's schema served over real HTTP on a free port of 127.0.0.1, for the suites
 * that try the HTTP layer: what each would otherwise start and stop by hand.
 *
 * @param datafn the engine
 * @param server the web server serving it at {@code /datafn}
 */
record ServedEngine(DataFn datafn, WebServer server) implements AutoCloseable {

    /**
     * @param database the database
     * @param engine   settings of the engine beyond the schema and database
     * @param http     the HTTP service over the engine
     * @return the running engine and server
     */
    static ServedEngine start(Database database, UnaryOperator<DataFn.Builder> engine,
            Function<DataFn, DataFnHttp> http) {
        DataFn datafn = engine.apply(DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)).build();
        try {
            DataFnHttp service = http.apply(datafn);
            WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(r -> r.register("/datafn", service)).build().start();
            return new ServedEngine(datafn, server);
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
    }

    /** @param path a path under the mount, e.g. {@code /query} @return its URL */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + "/datafn" + path;
    }

    /** Stops the server, then closes the engine. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            datafn.close();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** @return an HS256 authenticator with a random secret of its own, for a suite's tokens */
    static JwtAuthenticator freshJwt() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return JwtAuthenticator.hs256(secret);
    }

    /**
     * Sends one request as a caller.
     *
     * @param token   the caller's bearer token, or {@code null} for none
     * @param method  the HTTP method
     * @param path    the path under the mount, with any query string
     * @param body    the JSON body, or {@code null}
     * @return the answer
     */
    Reply send(String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b, method + " " + path);
    }

    /**
     * @param request a request built against {@link #url}
     * @param what    how failure messages name it
     * @return the answer
     */
    static Reply send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), Json.MAPPER.readTree(r.body()), what + " -> " + r.statusCode() + " "
                    + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param body   the JSON body
     * @param raw    the request and the answer as text, for failure messages
     */
    record Reply(int status, JsonNode body, String raw) {

        /** Checks the answer is the error envelope with this status, code and JSON path. */
        void assertError(int expectedStatus, String code, String path) {
            assertThat(status).as(raw).isEqualTo(expectedStatus);
            assertThat(body.at("/error/code").textValue()).as(raw).isEqualTo(code);
            assertThat(body.at("/error/path").textValue()).as(raw).isEqualTo(path);
        }
    }
}
