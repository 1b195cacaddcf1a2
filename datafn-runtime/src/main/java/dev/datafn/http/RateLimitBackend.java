package dev.datafn.http;

import java.net.URI;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where a {@link RateLimit}'s buckets live: in the server's own memory (the default), so each instance
 * counts on its own, or in Redis, so that every instance sharing the Redis server and key prefix takes
 * from one budget per caller.
 *
 * <pre>{@code
 * RateLimit.of(100, Duration.ofSeconds(60))
 *     .backend(RateLimitBackend.redis(URI.create("redis://redis:6379"), "todo:ratelimit:"));
 * }</pre>
 *
 * <p>The Redis backend needs Jedis on the class path (the runtime declares it optional).
 */
public sealed interface RateLimitBackend permits RateLimitBackend.InProcess, RateLimitBackend.Redis {

    /** @return buckets in this process's memory: each server instance counts on its own (the default) */
    static RateLimitBackend inProcess() {
        return new InProcess();
    }

    /**
     * Buckets in Redis through a client the application owns (and closes), failing open when Redis cannot
     * be reached; see {@link Redis#failClosed()}.
     *
     * @param client    the Redis client, e.g. a {@code JedisPooled}
     * @param keyPrefix prefixes every key, e.g. {@code todo:ratelimit:}: instances that share it share
     *                  budgets, and it keeps the keys apart from the application's other data
     * @return the Redis backend
     */
    static Redis redis(UnifiedJedis client, String keyPrefix) {
        return new Redis(Objects.requireNonNull(client, "client"), null, keyPrefix, false);
    }

    /**
     * Buckets in the Redis server at a URL, failing open when it cannot be reached; see
     * {@link Redis#failClosed()}. The service connects when it first needs to (a server starts while Redis is
     * down) and closes its connections when the web server stops. Jedis's own timeouts apply (2 s); for
     * others, pass a client of your own.
     *
     * @param url       e.g. {@code redis://127.0.0.1:6379}
     * @param keyPrefix prefixes every key, e.g. {@code todo:ratelimit:}: instances that share it share
     *                  budgets, and it keeps the keys apart from the application's other data
     * @return the Redis backend
     */
    static Redis redis(URI url, String keyPrefix) {
        return new Redis(null, Objects.requireNonNull(url, "url"), keyPrefix, false);
    }

    /** Buckets in this process's memory. */
    record InProcess() implements RateLimitBackend {
    }

    /**
     * Buckets in Redis, one key per caller and rule: {@code <keyPrefix><endpoint or *>:<caller>}, where the
     * caller is the namespace (or {@code address:<client address>} without a namespace provider). Each key
     * expires when its bucket would be full again, at most one window after its last use, so idle callers
     * leave nothing behind.
     *
     * <p>When Redis cannot be reached, the backend <em>fails open</em> by default: requests proceed without a
     * limit, and the outage is logged once (and its end once). A rate limit protects the data service from
     * overuse; failing open keeps an outage of Redis from becoming an outage of the service. With
     * {@link #failClosed()} every request is refused 503 {@code SERVICE_UNAVAILABLE} instead, for as long as
     * Redis cannot be reached.
     *
     * @param client                 the client, or {@code null} when the service makes its own from {@code url}
     * @param url                    the server's URL, or {@code null} when a client is given
     * @param keyPrefix              prefixes every key; not blank
     * @param refusesWhenUnreachable whether requests are refused while Redis cannot be reached (fail closed)
     */
    record Redis(UnifiedJedis client, URI url, String keyPrefix, boolean refusesWhenUnreachable)
            implements RateLimitBackend {

        /** Checks that there is exactly one way to reach Redis and a key prefix. */
        public Redis {
            if ((client == null) == (url == null)) {
                throw new IllegalArgumentException("a Redis rate limit needs either a client or a URL");
            }
            if (keyPrefix == null || keyPrefix.isBlank()) {
                throw new IllegalArgumentException("a Redis rate limit needs a key prefix, e.g. \"myapp:ratelimit:\"");
            }
        }

        /** @return this backend, refusing every request 503 while Redis cannot be reached */
        public Redis failClosed() {
            return new Redis(client, url, keyPrefix, true);
        }

        /** @return this backend, letting requests through unlimited while Redis cannot be reached (the default) */
        public Redis failOpen() {
            return new Redis(client, url, keyPrefix, false);
        }
    }
}
