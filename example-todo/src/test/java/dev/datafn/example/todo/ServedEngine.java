package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import io.helidon.webserver.WebServer;
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
}
