package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.datafn.db.Database;
import dev.datafn.example.todo.FuzzRequests.Endpoint;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the HTTP layer: one engine over the example's schema, served once for the class (on PostgreSQL when the
 * suite is given one, as in CI, otherwise on H2), with and without debug messages; each input is sent as a body to a protocol endpoint (or as the REST wrapper's
 * {@code ?q=}) and the answer must keep {@link EnvelopeRules}: a 2xx, or a typed 4xx in the envelope,
 * never a 500, a stack trace, SQL text or a class name.
 *
 * <p>The input is read with a {@link FuzzedDataProvider} from its end: the last byte picks the
 * {@link Endpoint} (its value modulo their number), the one before it whether the service without debug
 * messages answers (its lowest bit), for {@link Endpoint#REST} the one before that the resource; the rest,
 * from the start, is the body. The seed corpus ({@code HttpFuzzTestInputs/request}) is the README's and the
 * tests' valid requests in that form.
 */
@Tag("jazzer")
class HttpFuzzTest {

    /** The resources the REST wrapper is asked for. */
    private static final List<String> RESOURCES = List.of("todos", "projects", "tags");

    private static final Namespace NS = TestDatabases.uniqueNamespace("httpfuzz");

    private static ServedEngine served;
    private static ServedEngine quietServed;
    private static JsonHttpClient debug;
    private static JsonHttpClient quiet;

    @BeforeAll
    static void start() {
        // No caller is authenticated, so none holds the admin claim the example asks of project writers:
        // projects are open to all here so that fuzzed writes reach their write path too.
        Database database = TestDatabases.postgresConfigured() ? TestDatabases.postgres() : TestDatabases.h2();
        served = ServedEngine.start(database, b -> b.policy("projects", ResourcePolicy.of("anyone", "anyone")),
                datafn -> DataFnHttp.builder(datafn).rest(true).namespaceProvider(req -> NS).build());
        quietServed = served.alongside(datafn -> DataFnHttp.builder(datafn).rest(true).namespaceProvider(req -> NS)
                .debug(false).build());
        debug = new JsonHttpClient(served.url(""));
        quiet = new JsonHttpClient(quietServed.url(""));
        // The records the seeds name, so that their updates, relations and guards reach the write path.
        for (String mutation : new String[] {
            """
            {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "pj_fz", "name": "Home"}}""",
            """
            {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "tg_fz", "name": "red"}}""",
            """
            {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "fz1", "title": "Buy milk",
             "notes": "100% oat_milk", "projectId": "pj_fz", "tags": ["tg_fz"], "dueDate": "2026-06-01"}}""",
            """
            {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "fz2", "title": "Bread",
             "priority": 5, "projectId": "pj_fz"}}"""}) {
            JsonHttpClient.Reply reply = debug.post("/mutation", mutation);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (quietServed != null) {
            quietServed.close();
        }
        if (served != null) {
            served.close();
        }
    }

    /** @param data the fuzzer's input: endpoint, service and body, read as the class describes */
    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void request(FuzzedDataProvider data) {
        Endpoint endpoint = data.pickValue(Endpoint.values());
        boolean withoutDebug = data.consumeBoolean();
        JsonHttpClient client = withoutDebug ? quiet : debug;
        JsonHttpClient.Reply reply;
        String request;
        String sent;
        if (endpoint == Endpoint.REST) {
            String resource = data.pickValue(RESOURCES);
            request = data.consumeRemainingAsString();
            sent = "GET /resources/" + resource + "?q=" + request;
            reply = client.get("/resources/" + resource + "?q=" + URLEncoder.encode(request, StandardCharsets.UTF_8));
        } else {
            byte[] body = data.consumeRemainingAsBytes();
            String path = "/" + endpoint.name().toLowerCase(Locale.ROOT);
            request = new String(body, StandardCharsets.UTF_8);
            sent = "POST " + path + " " + request;
            reply = client.send("POST", path, body);
        }
        List<String> broken = EnvelopeRules.broken(reply, withoutDebug, request);
        if (!broken.isEmpty()) {
            throw new AssertionError(broken + (withoutDebug ? " (without debug)" : "") + "\n  " + sent + "\n  -> "
                    + reply.status() + " " + reply.raw());
        }
    }
}
