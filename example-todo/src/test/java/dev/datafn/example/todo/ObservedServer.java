package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.observe.DataFnObserve;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/**
 * The example's engine served over real HTTP with Helidon observe mounted, as {@code Main} mounts it:
 * {@code /datafn} and {@code /observe}.
 *
 * @param datafn  the engine
 * @param observe its health and metrics
 * @param server  the web server
 */
record ObservedServer(DataFn datafn, DataFnObserve observe, WebServer server) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * @param database the database
     * @param observe  the observe settings beyond the engine
     * @param http     the HTTP service, given the engine and its observe (to add as a timing listener)
     * @return the running server
     */
    static ObservedServer start(Database database, UnaryOperator<DataFnObserve.Builder> observe,
            java.util.function.BiFunction<DataFn, DataFnObserve, DataFnHttp> http) {
        return start(database, UnaryOperator.identity(), observe, http);
    }

    /**
     * @param database the database
     * @param engine   settings of the engine beyond the schema and database
     * @param observe  the observe settings beyond the engine
     * @param http     the HTTP service, given the engine and its observe
     * @return the running server
     */
    static ObservedServer start(Database database, UnaryOperator<DataFnBuilder> engine,
            UnaryOperator<DataFnObserve.Builder> observe,
            java.util.function.BiFunction<DataFn, DataFnObserve, DataFnHttp> http) {
        DataFn datafn = engine.apply(DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)).build();
        try {
            DataFnObserve observing = observe.apply(DataFnObserve.builder(datafn)).build();
            DataFnHttp service = http.apply(datafn, observing);
            WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                    .addFeature(observing.feature())
                    .routing(r -> r.register("/datafn", service)).build().start();
            return new ObservedServer(datafn, observing, server);
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
    }

    /**
     * Sends one GET to a path of the server (not under the DataFn mount).
     *
     * @param path   e.g. {@code /observe/health}
     * @param accept the Accept header
     * @return the status and body
     */
    HttpResponse<String> get(String path, String accept) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param path e.g. {@code /observe/health/ready} @return the status and the parsed JSON answer */
    ServedEngine.Reply health(String path) {
        HttpResponse<String> r = get(path, "application/json");
        try {
            return new ServedEngine.Reply(r.statusCode(), r.body().isEmpty() ? Json.object()
                    : Json.MAPPER.readTree(r.body()), "GET " + path + " -> " + r.statusCode() + " " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a client of the DataFn mount */
    ServedEngine datafnClient() {
        return new ServedEngine(datafn, server, false);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            datafn.close();
        }
    }

}
