package dev.datafn.sequence;

import dev.datafn.db.DataStore;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Seed 001's {@code dbMapping}: which backend issues serverSeqs, by name, for configuration files.
 *
 * <pre>{@code
 * DataFn.builder().sequenceStore(DbMapping.serverseq("redis", () -> new JedisPooled(url), null))
 * }</pre>
 */
public final class DbMapping {

    private DbMapping() {
    }

    /**
     * @param serverseq {@code "db"} (the default), {@code "redis"} or {@code "kv"}
     * @param redis     the Redis client, for {@code "redis"}; may be {@code null} otherwise
     * @param kv        the KV store, for {@code "kv"}; may be {@code null} otherwise ({@code "kv"} then uses
     *                  an {@link InMemoryKeyValueStore}, which is right for one server only)
     * @return the store factory for {@code DataFnBuilder.sequenceStore}
     * @throws IllegalArgumentException for another name, or {@code "redis"} without a client
     */
    public static Function<DataStore, SequenceStore> serverseq(String serverseq, Supplier<? extends UnifiedJedis> redis,
            Supplier<? extends KeyValueStore> kv) {
        String name = serverseq == null ? "db" : serverseq.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "db" -> DatabaseSequenceStore::new;
            case "redis" -> {
                if (redis == null) {
                    throw new IllegalArgumentException("dbMapping serverseq = redis needs a Redis client");
                }
                yield store -> new RedisSequenceStore(store, redis.get());
            }
            case "kv" -> store -> new KVSequenceStore(store, kv == null ? new InMemoryKeyValueStore() : kv.get());
            default -> throw new IllegalArgumentException("dbMapping serverseq is db, redis or kv, not '" + serverseq + "'");
        };
    }
}
