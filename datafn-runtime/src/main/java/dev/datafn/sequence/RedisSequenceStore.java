package dev.datafn.sequence;

import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.schema.Namespace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * serverSeqs from Redis ({@code dbMapping(serverseq = "redis")}): an {@code INCRBY} per write, so a
 * namespace's writers never wait for each other in the database.
 *
 * <p>Redis cannot hold a seq until the database commits, so every reservation is recorded as in flight
 * (a sorted set by seq, in the same script as the {@code INCRBY}) and removed once its transaction has
 * committed or rolled back; {@link #settled} is one below the lowest seq in flight. A reservation has a
 * lease (default 60 s): a writer that dies holding one stops holding pull back when the lease ends, and
 * a transaction whose lease ran out is refused at commit, since pullers may have moved past its seq.
 *
 * <p>The counter is seeded from the change log (its highest seq) the first time a namespace writes,
 * and again whenever Redis has lost it (a restart without persistence), so seqs never repeat.
 *
 * <p>Keys: {@code datafn:seq:{<namespace>}:last} and {@code datafn:seq:{<namespace>}:inflight} (the
 * braces keep both in one Redis Cluster slot).
 */
public final class RedisSequenceStore implements SequenceStore {

    /** Reserves: answers {last, member} or {-1} when the counter is missing. Uses Redis' clock for leases. */
    private static final String RESERVE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
            local count = tonumber(ARGV[1])
            local last = redis.call('INCRBY', KEYS[1], count)
            local t = redis.call('TIME')
            local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2])
            local member = (last - count + 1) .. ':' .. deadline
            redis.call('ZADD', KEYS[2], last - count + 1, member)
            return {last, member}
            """;

    /** Renews a reservation for the commit: answers its new member, or false when its lease ran out. */
    private static final String RENEW = """
            local seq = redis.call('ZSCORE', KEYS[2], ARGV[1])
            if not seq then return false end
            local t = redis.call('TIME')
            local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2])
            local member = seq .. ':' .. deadline
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZADD', KEYS[2], seq, member)
            return member
            """;

    /** One below the lowest reservation in flight (dropping expired ones), else the counter. */
    private static final String SETTLED = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            while true do
              local lowest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
              if #lowest == 0 then return tonumber(redis.call('GET', KEYS[1]) or '0') end
              local deadline = tonumber(string.match(lowest[1], ':(%d+)$'))
              if deadline >= now then return tonumber(lowest[2]) - 1 end
              redis.call('ZREM', KEYS[2], lowest[1])
            end
            """;

    /** Raises the counter to at least the floor. */
    private static final String SEED = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
            if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
            return 1
            """;

    /** The default lease of a reservation. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    /** How long the renewed lease covers the commit itself. */
    private static final long COMMIT_LEASE_MS = 30_000;

    private final UnifiedJedis redis;
    private final ChangeLogFloor floor;
    private final long leaseMs;
    private final EnsuredCounters ensured = new EnsuredCounters();

    /**
     * @param store the application's database, whose change log seeds the counters
     * @param redis a Redis client (for example {@code new JedisPooled("127.0.0.1", 6379)}); not closed here
     * @param lease how long a reservation holds pull back at most; longer than any write transaction
     */
    public RedisSequenceStore(DataStore store, UnifiedJedis redis, Duration lease) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.floor = new ChangeLogFloor(store);
        this.leaseMs = lease.toMillis();
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("the lease must be positive");
        }
    }

    /** @param store the application's database @param redis a Redis client; see the full constructor */
    public RedisSequenceStore(DataStore store, UnifiedJedis redis) {
        this(store, redis, DEFAULT_LEASE);
    }

    @Override
    public void ensureCounter(Namespace namespace) {
        if (ensured.contains(namespace)) {
            return;
        }
        long highest = floor.highestSeq(namespace);
        reachable(() -> redis.eval(SEED, List.of(lastKey(namespace)), List.of(Long.toString(highest))));
        ensured.add(namespace);
    }

    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        List<?> answer = (List<?>) reachable(() -> redis.eval(RESERVE, List.of(lastKey(namespace),
                inflightKey(namespace)), List.of(Integer.toString(count), Long.toString(leaseMs))));
        long last = (Long) answer.get(0);
        if (last < 0) {
            ensured.remove(namespace);
            throw new CounterMissing();
        }
        String member = (String) answer.get(1);
        ReservationLease.attach(session, new ReservationLease.Holder() {
            private String current = member;

            @Override
            public boolean renew() {
                Object renewed = redis.eval(RENEW, List.of(lastKey(namespace), inflightKey(namespace)),
                        List.of(current, Long.toString(COMMIT_LEASE_MS)));
                if (!(renewed instanceof String m)) {
                    return false;
                }
                current = m;
                return true;
            }

            @Override
            public void release() {
                redis.zrem(inflightKey(namespace), current);
            }
        });
        return last;
    }

    @Override
    public long settled(Session session, Namespace namespace) {
        return (Long) reachable(() -> redis.eval(SETTLED, List.of(lastKey(namespace), inflightKey(namespace)),
                List.of()));
    }

    /**
     * Runs a call to Redis that starts a write or a pull; while Redis cannot be reached the request is answered
     * 503 {@code SERVICE_UNAVAILABLE}, to be retried: nothing was reserved, so nothing of the write was applied.
     */
    private static Object reachable(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (JedisConnectionException unreachable) {
            throw DataFnException.unavailable("the sequence store (Redis) cannot be reached now; retry the request",
                    unreachable);
        }
    }

    private static String lastKey(Namespace namespace) {
        return "datafn:seq:{" + namespace + "}:last";
    }

    private static String inflightKey(Namespace namespace) {
        return "datafn:seq:{" + namespace + "}:inflight";
    }
}
