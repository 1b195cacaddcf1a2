package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.Database;
import dev.datafn.example.todo.OutageClient.Answer;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.RateLimit;
import dev.datafn.http.RateLimitBackend;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.PrivateRedis;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import redis.clients.jedis.JedisPooled;

/**
 * Redis goes away and comes back (a private {@code redis-server}, killed and started again empty, see
 * {@link PrivateRedis}) under the two features that use it. Under the Redis sequence store, writes are answered
 * 503 {@code SERVICE_UNAVAILABLE} while it is gone, none of them applied in part, and succeed again when it
 * returns, the counter seeded again from the change log, so a pull from 0 has every write once, without a gap.
 * Under Redis rate limits, requests pass unlimited while it is gone (failing open, the default) or are refused 503
 * ({@code failClosed()}), and are limited again once it is back.
 */
@OnEveryDatabase
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisOutageTest {

    private static final String PULL = "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}";
    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}";

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    private final String user = "redis-outage-" + UUID.randomUUID();

    @Test
    void writesUnderTheRedisSequenceStoreAre503WhileRedisIsGoneAndNoneIsHalfApplied() throws Exception {
        Database database = testDatabase.open();
        try (PrivateRedis redis = PrivateRedis.start();
                JedisPooled jedis = new JedisPooled(redis.url());
                ServedEngine served = serve(database, b -> b.search(false)
                        .sequenceStore(store -> new RedisSequenceStore(store, jedis)), http -> http)) {
            OutageClient client = new OutageClient(served.url(""));
            client.post(user, "/mutation", OutageClient.insert("c", "before", "before")).assertOk();

            redis.kill();
            String mutation = OutageClient.insert("c", "during", "during");
            String push = push("pushed-1", "pushed-2", "pushed-3");
            String transact = "{\"steps\": [{\"mutation\": " + OutageClient.insert("c", "step-1", "step") + "}, "
                    + "{\"mutation\": " + OutageClient.insert("c", "step-2", "step") + "}]}";
            for (String[] write : List.of(new String[] {"/mutation", mutation}, new String[] {"/push", push},
                    new String[] {"/transact", transact})) {
                client.post(user, write[0], write[1]).assertUnavailable(false);
            }
            client.post(user, "/pull", PULL).assertUnavailable(false);
            assertThat(client.post(user, "/query", "{\"resource\": \"todos\", \"version\": 1, \"count\": true, "
                    + "\"limit\": 1}").assertOk().body().at("/result/count").intValue())
                    .as("reads of the records need no sequence store; nothing was written in part").isEqualTo(1);
            assertThat(new ChangeLogReader(database).changes(Namespace.user(user))).hasSize(1);

            redis.restart();
            client.post(user, "/mutation", mutation).assertOk();
            assertThat(client.post(user, "/push", push).assertOk().body().at("/result/results")).hasSize(3)
                    .allSatisfy(r -> assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue());
            client.post(user, "/transact", transact).assertOk();
            Answer pulled = client.post(user, "/pull", PULL).assertOk();
            List<String> ids = new ArrayList<>();
            pulled.body().at("/result/records/todos").forEach(r -> ids.add(r.get("id").textValue()));
            assertThat(ids).containsExactly("before", "during", "pushed-1", "pushed-2", "pushed-3", "step-1", "step-2");
            assertThat(new ChangeLogReader(database).changes(Namespace.user(user)))
                    .extracting(ChangeLogReader.StoredChange::serverSeq).as("seqs without a gap or a repeat")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(pulled.body().at("/result/cursors/todos").textValue()).isEqualTo("7");
        }
    }

    @Test
    void redisRateLimitsFailOpenOrClosedWhileRedisIsGoneAndLimitAgainOnceItIsBack() throws Exception {
        int budget = 3;
        try (PrivateRedis redis = PrivateRedis.start();
                ServedEngine open = serve(testDatabase.open(), b -> b.search(false), http -> http.rateLimit(
                        RateLimit.of(budget, Duration.ofMinutes(10))
                                .backend(RateLimitBackend.redis(redis.url(), "open:"))));
                ServedEngine closed = open.alongside(datafn -> DataFnHttp.builder(datafn)
                        .namespaceProvider(RedisOutageTest::namespace).rateLimit(RateLimit.of(budget,
                                Duration.ofMinutes(10)).backend(RateLimitBackend.redis(redis.url(), "closed:")
                                .failClosed())).build())) {
            OutageClient failsOpen = new OutageClient(open.url(""));
            OutageClient failsClosed = new OutageClient(closed.url(""));
            failsOpen.post(user, "/query", QUERY).assertOk();
            failsClosed.post(user, "/query", QUERY).assertOk();

            redis.kill();
            for (int i = 0; i < budget + 2; i++) {
                failsOpen.post(user, "/query", QUERY).assertOk();
                failsClosed.post(user, "/query", QUERY).assertUnavailable(false);
            }

            redis.restart();
            // Redis restarted empty: each budget is whole again, and spent again.
            for (OutageClient client : List.of(failsOpen, failsClosed)) {
                for (int i = 0; i < budget; i++) {
                    client.post(user, "/query", QUERY).assertOk();
                }
                Answer over = client.post(user, "/query", QUERY);
                assertThat(over.status()).as(over.raw()).isEqualTo(429);
                assertThat(over.body().at("/error/code").textValue()).isEqualTo("RATE_LIMITED");
            }
        }
    }

    private static String push(String... mutationIds) {
        List<String> mutations = new ArrayList<>();
        for (String id : mutationIds) {
            mutations.add(OutageClient.insert("c", id, "pushed"));
        }
        return "{\"version\": 1, \"mutations\": [" + String.join(", ", mutations) + "]}";
    }

    private static Namespace namespace(io.helidon.webserver.http.ServerRequest req) {
        return Namespace.user(req.headers().first(HeaderNames.create("X-User")).orElseThrow());
    }

    private static ServedEngine serve(Database database, UnaryOperator<dev.datafn.DataFnBuilder> engine,
            UnaryOperator<DataFnHttp.Builder> http) {
        return ServedEngine.start(database, engine, datafn -> http.apply(DataFnHttp.builder(datafn)
                .namespaceProvider(RedisOutageTest::namespace)).build());
    }
}
