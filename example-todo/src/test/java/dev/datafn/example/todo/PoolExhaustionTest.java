package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.example.todo.OutageClient.Answer;
import dev.datafn.http.DataFnHttp;
import dev.datafn.mutation.Mutation;
import dev.datafn.plugin.DataFnPlugin;
import dev.datafn.plugin.PluginContext;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.LockWaits;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;

/**
 * Every pooled connection is held (by writes whose transaction a plugin keeps open, without a statement running,
 * so the statement timeout does not end them): further requests wait for a connection at most the pool's
 * connection timeout (the statement timeout, {@code queryTimeoutMs}) and are answered 503
 * {@code SERVICE_UNAVAILABLE} with a {@code Retry-After}, neither 500 nor a hang. Once the holders let go, they
 * commit and everything succeeds again.
 */
@OnEveryDatabase
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PoolExhaustionTest {

    private static final int POOL = 2;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);
    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5}";

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    private final String user = "pool-" + UUID.randomUUID();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Keeps the transaction of every mutation of client {@code holder} open until {@link #release}. */
    private final class HoldingPlugin implements DataFnPlugin {
        @Override
        public void beforeMutation(PluginContext ctx, Mutation mutation) {
            if ("holder".equals(mutation.clientId())) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void requestsWaitAtMostTheConnectionTimeoutThenAreAnswered503() throws Exception {
        try (ServedEngine served = ServedEngine.start(testDatabase.open().withPoolSize(POOL),
                b -> b.queryTimeout(QUERY_TIMEOUT).search(false).plugins(new HoldingPlugin()),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> Namespace.user(
                        req.headers().first(HeaderNames.create("X-User")).orElseThrow())).build())) {
            OutageClient client = new OutageClient(served.url(""));
            DataFn datafn = served.datafn();
            client.post(user, "/mutation", OutageClient.insert("warm", "warm-0", "before")).assertOk();

            // Each holder's transaction takes its connection (a query step runs first), then waits in the plugin.
            List<CompletableFuture<Answer>> holders = new ArrayList<>();
            for (int h = 0; h < POOL; h++) {
                String body = "{\"steps\": [{\"query\": " + QUERY + "}, {\"mutation\": "
                        + OutageClient.insert("holder", "holder-" + h, "held") + "}]}";
                holders.add(CompletableFuture.supplyAsync(() -> client.post(user, "/transact", body)));
            }
            LockWaits.awaitUntil("every pooled connection held", () -> datafn.vitals().pool().active() == POOL);

            List<Answer> refused = List.of(client.post(user, "/query", QUERY),
                    client.post(user, "/mutation", OutageClient.insert("waiter", "waiter-0", "waited")),
                    client.post(user, "/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}"));
            assertThat(refused).allSatisfy(a -> a.assertUnavailable(true));
            assertThat(datafn.vitals().pool().active()).as("the holders still hold every connection").isEqualTo(POOL);

            release.countDown();
            for (CompletableFuture<Answer> holder : holders) {
                assertThat(holder.get(1, TimeUnit.MINUTES).ok()).as(holder.get().raw()).isTrue();
            }
            client.post(user, "/query", QUERY).assertOk();
            client.post(user, "/mutation", OutageClient.insert("waiter", "waiter-0", "waited")).assertOk();
            assertThat(client.post(user, "/query", "{\"resource\": \"todos\", \"version\": 1, \"count\": true, "
                    + "\"limit\": 1}").body().at("/result/count").intValue())
                    .as("the warm-up, both holders and the refused write retried").isEqualTo(1 + POOL + 1);
        } finally {
            release.countDown();
        }
    }
}
