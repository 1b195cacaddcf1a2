package dev.datafn.observe;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;

/** Whether a Redis server answers {@code PING}, on a connection of its own, within a timeout. */
final class RedisPing implements BooleanSupplier {

    private final URI url;
    private final int timeoutMillis;

    /**
     * @param url     the server, e.g. {@code redis://127.0.0.1:6379}
     * @param timeout how long to wait for it to connect and answer
     */
    RedisPing(URI url, Duration timeout) {
        this.url = url;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    @Override
    public boolean getAsBoolean() {
        try (Jedis redis = new Jedis(url, timeoutMillis)) {
            return "PONG".equalsIgnoreCase(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
