package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.RateLimit;
import dev.datafn.http.RateLimitBackend;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestRedis;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import redis.clients.jedis.JedisPooled;

/**
 * Seed 000's rate limit shared by several server instances through the real Redis: two instances, each
 * with its own engine, take from one budget per namespace and endpoint rule, where the in-process backend
 * gives each instance a budget of its own. While Redis cannot be reached, the limit fails open by default
 * and refuses with 503 when told to fail closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class RedisRateLimitTest {

    private static final int BUDGET = 3;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}";
    private static final String INSERT = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
            + "\"record\": {\"title\": \"limited\"}}";

    private final HttpClient http = HttpClient.newHttpClient();
    /** Keys of this run only: the Redis server is shared with other runs and other suites. */
    private final String keyPrefix = "datafn-test:ratelimit:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @AfterEach
    void stopInstances() throws Exception {
        for (AutoCloseable instance : opened.reversed()) {
            instance.close();
        }
        opened.clear();
    }

    @AfterParameterizedClassInvocation
    void forgetKeys() {
        if (TestRedis.configured()) {
            try (JedisPooled redis = TestRedis.client()) {
                Set<String> keys = redis.keys(keyPrefix + "*");
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
            }
        }
    }

    @Test
    void instancesSharingRedisShareOneBudget() {
        JedisPooled client = TestRedis.client();
        opened.add(client);
        // One instance makes its own client from the URL, the other is given one: both reach the same keys.
        ServedEngine first = serve(RateLimitBackend.redis(URI.create(System.getProperty("datafn.test.redis.url")), keyPrefix));
        ServedEngine second = serve(RateLimitBackend.redis(client, keyPrefix));
        String alice = "alice-" + UUID.randomUUID();

        for (int i = 0; i < BUDGET; i++) {
            assertThat(post(i % 2 == 0 ? first : second, alice, "/query", QUERY).status()).isEqualTo(200);
        }
        Reply over = post(BUDGET % 2 == 0 ? first : second, alice, "/query", QUERY);
        assertThat(over.status()).as("request %d in all, not %d", BUDGET + 1, 2 * BUDGET + 1).isEqualTo(429);
        assertThat(over.body().at("/error/code").textValue()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(over.retryAfter())).isBetween(1L, WINDOW.toSeconds());
        assertThat(post(first, alice, "/query", QUERY).status()).as("the other instance too").isEqualTo(429);

        String bob = "bob-" + UUID.randomUUID();
        assertThat(post(first, bob, "/query", QUERY).status()).as("another namespace").isEqualTo(200);
        assertThat(post(second, bob, "/query", QUERY).status()).as("another namespace").isEqualTo(200);

        assertThat(post(first, alice, "/mutation", INSERT).status()).as("mutation's own budget of 1").isEqualTo(200);
        assertThat(post(second, alice, "/mutation", INSERT).status()).as("spent on the other instance").isEqualTo(429);
    }

    @Test
    void redisForgetsABucketWhenItWouldBeFullAgain() {
        JedisPooled client = TestRedis.client();
        opened.add(client);
        ServedEngine instance = serve(RateLimitBackend.redis(client, keyPrefix));
        String carol = "carol-" + UUID.randomUUID();

        assertThat(post(instance, carol, "/query", QUERY).status()).isEqualTo(200);

        String key = keyPrefix + "*:" + Namespace.user(carol).value();
        assertThat(client.keys(keyPrefix + "*")).contains(key);
        assertThat(client.pttl(key)).as("expires within the window").isBetween(1L, WINDOW.toMillis());
    }

    @Test
    void inProcessEachInstanceCountsOnItsOwn() {
        ServedEngine first = serve(RateLimitBackend.inProcess());
        ServedEngine second = serve(RateLimitBackend.inProcess());
        String dave = "dave-" + UUID.randomUUID();

        for (int i = 0; i < 2 * BUDGET; i++) {
            assertThat(post(i % 2 == 0 ? first : second, dave, "/query", QUERY).status())
                    .as("request %d: a budget per instance", i + 1).isEqualTo(200);
        }
        assertThat(post(first, dave, "/query", QUERY).status()).isEqualTo(429);
    }

    @Test
    void unreachableRedisFailsOpenByDefault() throws IOException {
        ServedEngine instance = serve(RateLimitBackend.redis(URI.create("redis://127.0.0.1:" + closedPort()), keyPrefix));
        String erin = "erin-" + UUID.randomUUID();

        for (int i = 0; i < BUDGET + 2; i++) {
            assertThat(post(instance, erin, "/query", QUERY).status()).as("request %d, unlimited", i + 1).isEqualTo(200);
        }
    }

    @Test
    void unreachableRedisRefusesWhenToldToFailClosed() throws IOException {
        ServedEngine instance = serve(RateLimitBackend.redis(URI.create("redis://127.0.0.1:" + closedPort()), keyPrefix)
                .failClosed());

        Reply refused = post(instance, "frank-" + UUID.randomUUID(), "/query", QUERY);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().at("/error/code").textValue()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    /** A server instance over an engine of its own, with a budget of {@link #BUDGET} and 1 for mutations. */
    private ServedEngine serve(RateLimitBackend backend) {
        ServedEngine served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.user(req.headers().first(HeaderNames.create("X-User")).orElseThrow()))
                .rateLimit(RateLimit.of(BUDGET, WINDOW).endpoint("mutation", 1, WINDOW).backend(backend))
                .build());
        opened.add(served);
        return served;
    }

    /** @return a port of 127.0.0.1 that nothing listens on */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Reply(int status, JsonNode body, String retryAfter) {
    }

    private Reply post(ServedEngine served, String user, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), Json.MAPPER.readTree(r.body()), r.headers().firstValue("Retry-After").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
