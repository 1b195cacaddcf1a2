package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpService;
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
 * @param server     the web server serving it at {@code /datafn}
 * @param ownsEngine whether closing this closes the engine too
 */
record ServedEngine(DataFn datafn, WebServer server, boolean ownsEngine) implements AutoCloseable {

    /**
     * @param database the database
     * @param engine   settings of the engine beyond the schema and database
     * @param http     the HTTP service over the engine
     * @return the running engine and server
     */
    static ServedEngine start(Database database, UnaryOperator<DataFnBuilder> engine,
            Function<DataFn, DataFnHttp> http) {
        return start(database, engine, http, server -> server);
    }

    /**
     * @param database the database
     * @param engine   settings of the engine beyond the schema and database
     * @param http     the HTTP service over the engine
     * @param server   settings of the web server beyond its address and routes, e.g. its sockets' buffers
     * @return the running engine and server
     */
    static ServedEngine start(Database database, UnaryOperator<DataFnBuilder> engine,
            Function<DataFn, DataFnHttp> http, UnaryOperator<WebServerConfig.Builder> server) {
        return start(database, engine, http, server, service -> new HttpService[0]);
    }

    /**
     * Serves each resource's REST wrappers through its generated routes ({@link TodoRoutes}, {@link ProjectRoutes},
     * {@link TagRoutes}) beside the protocol service, as the example's {@code Main} does.
     *
     * @param database the database
     * @param engine   settings of the engine beyond the schema and database
     * @param http     the HTTP service over the engine, whose request pipeline the generated routes go through
     * @return the running engine and server
     */
    static ServedEngine startWithGeneratedRoutes(Database database, UnaryOperator<DataFnBuilder> engine,
            Function<DataFn, DataFnHttp> http) {
        return start(database, engine, http, server -> server, service -> new HttpService[] {
                new TodoRoutes(service), new ProjectRoutes(service), new TagRoutes(service)});
    }

    private static ServedEngine start(Database database, UnaryOperator<DataFnBuilder> engine,
            Function<DataFn, DataFnHttp> http, UnaryOperator<WebServerConfig.Builder> server,
            Function<DataFnHttp, HttpService[]> routesBefore) {
        DataFn datafn = engine.apply(DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)).build();
        try {
            DataFnHttp service = http.apply(datafn);
            HttpService[] before = routesBefore.apply(service);
            WebServer started = server.apply(WebServer.builder().host("127.0.0.1").port(0)
                    // As the example serves it: what the web server refuses before any route is answered in the
                    // envelope too (a URI too long: 414).
                    .directHandlers(service.transportRefusals())
                    // The protocol service last: its final route answers every path it does not serve 404.
                    .routing(r -> {
                        if (before.length > 0) {
                            r.register("/datafn", before);
                        }
                        r.register("/datafn", service);
                    })
                    .addRouting(service.webSocketRouting("/datafn")))
                    .build().start();
            return new ServedEngine(datafn, started, true);
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
    }

    /**
     * Serves this engine a second time, on a server of its own, e.g. with other HTTP settings; closing
     * the result stops only that server.
     *
     * @param http the second HTTP service over the engine
     * @return the second server over the same engine
     */
    ServedEngine alongside(Function<DataFn, DataFnHttp> http) {
        DataFnHttp service = http.apply(datafn);
        WebServer second = WebServer.builder().host("127.0.0.1").port(0).directHandlers(service.transportRefusals())
                .routing(r -> r.register("/datafn", service)).addRouting(service.webSocketRouting("/datafn"))
                .build().start();
        return new ServedEngine(datafn, second, false);
    }

    /** @param path a path under the mount, e.g. {@code /query} @return its URL */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + "/datafn" + path;
    }

    /** Stops the server, then closes the engine when this owns it. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            if (ownsEngine) {
                datafn.close();
            }
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
     * One answer: a status and the parsed envelope, with the assertions the suites make.
     *
     * @param status the HTTP status
     * @param body   the JSON body
     * @param raw    the request and the answer as text, for failure messages
     */
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

        /** Checks the answer is the error envelope with this status, code and JSON path. */
        void assertError(int expectedStatus, String code, String path) {
            assertThat(status).as(raw).isEqualTo(expectedStatus);
            assertThat(body.at("/error/code").textValue()).as(raw).isEqualTo(code);
            assertThat(body.at("/error/path").textValue()).as(raw).isEqualTo(path);
        }
    }
}
