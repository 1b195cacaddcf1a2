package dev.datafn.http;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Buckets in Redis through Bucket4j's Jedis integration (compare-and-swap in Lua scripts), so that every
 * server instance with the same key prefix takes from the same buckets. Each key expires when its bucket
 * would be full again, so Redis holds only the buckets of callers seen within their window.
 */
final class RedisBucketStore implements BucketStore {

    private static final Logger LOG = System.getLogger(RedisBucketStore.class.getName());

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final String keyPrefix;
    private final ProxyManager<String> buckets;
    private final String whileUnreachable;
    /** Whether the last attempt failed: an outage is logged when it starts and when it ends, not per request. */
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** @param backend the Redis server or client, and the key prefix */
    RedisBucketStore(RateLimitBackend.Redis backend) {
        this.ownsClient = backend.client() == null;
        // JedisPooled connects on first use, so a server starts (and fails open or closed) while Redis is down.
        this.redis = ownsClient ? new JedisPooled(backend.url()) : backend.client();
        this.keyPrefix = backend.keyPrefix();
        this.whileUnreachable = backend.refusesWhenUnreachable() ? "refused 503" : "let through without a limit";
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .keyMapper(Mapper.STRING)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    @Override
    public ConsumptionProbe take(String key, RateLimit.Rule rule) {
        ConsumptionProbe probe;
        try {
            probe = buckets.builder()
                    .build(keyPrefix + key, () -> BucketConfiguration.builder().addLimit(BucketStore.bandwidth(rule)).build())
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (unreachable.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "rate limits cannot reach Redis; until it answers again, requests are "
                        + whileUnreachable, e);
            }
            throw new Unavailable(e);
        }
        if (unreachable.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "rate limits reach Redis again");
        }
        return probe;
    }

    /** Closes the client when this store made it; a client the application gave stays the application's. */
    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
        }
    }
}
