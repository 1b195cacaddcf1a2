package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What the suites of hostile input share: the example's engine served over real HTTP on the run's
 * database, with the REST wrappers, every request in a namespace of the suite's own, and a JSON client.
 * A suite runs once per database ({@link OnEveryDatabase}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractServedTest {

    /** Every request of the suite works in this namespace, so suites sharing a PostgreSQL database never meet. */
    protected final Namespace ns = TestDatabases.uniqueNamespace(getClass().getSimpleName());

    /** The database of this run's engine. */
    protected Database database;
    protected ServedEngine served;
    protected JsonHttpClient client;

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void startServer() {
        database = testDatabase.open();
        // No caller is authenticated here, so none holds the admin claim the example asks of project
        // writers: the hostile input reaches every resource's write path only with projects open to all.
        served = ServedEngine.start(database, b -> engine(b.policy("projects", ResourcePolicy.of("anyone", "anyone"))),
                datafn -> DataFnHttp.builder(datafn).rest(true).namespaceProvider(req -> ns).build());
        client = new JsonHttpClient(served.url(""));
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /** @param engine the engine's builder @return it with the suite's settings (none by default) */
    protected DataFnBuilder engine(DataFnBuilder engine) {
        return engine;
    }

    /** @return the database of this run */
    protected TestDatabase testDatabase() {
        return testDatabase;
    }

    /** @param value a query parameter's value @return it URL-encoded */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
