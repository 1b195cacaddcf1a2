package dev.datafn.testing;

import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis server the sequence-store suites run against, named by the {@code datafn.test.redis.url}
 * system property ({@code .ci/run} sets it to {@code redis://127.0.0.1:6379}).
 */
public final class TestRedis {

    private TestRedis() {
    }

    /** @return whether a Redis server is configured for the tests */
    public static boolean configured() {
        return !System.getProperty("datafn.test.redis.url", "").isBlank();
    }

    /**
     * @return a client of the configured server; the caller closes it
     * @throws org.opentest4j.TestAbortedException when no server is configured, so that the run that
     *         needs it is reported as skipped, with the property that switches it on
     */
    public static JedisPooled client() {
        Assumptions.assumeTrue(configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        return new JedisPooled(URI.create(System.getProperty("datafn.test.redis.url")));
    }
}
