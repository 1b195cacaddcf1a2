package dev.datafn.sequence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.DataStore;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;

/**
 * serverSeqs from a {@link KeyValueStore} ({@code dbMapping(serverseq = "kv")}), for deployments whose
 * shared state lives in a KV service.
 *
 * <p>Each namespace is one value, {@code {"last": n, "inflight": {"<token>": [firstSeq, leaseEndMs]}}},
 * changed only by compare-and-set, so the counter and the reservations in flight always change together.
 * As with {@link RedisSequenceStore}, {@link #settled} is one below the lowest reservation in flight, a
 * reservation's lease bounds how long a dead writer holds pull back, a transaction whose lease ran out is
 * refused at commit, and the counter is seeded from the change log so seqs never repeat.
 */
public final class KVSequenceStore implements SequenceStore {

    private final KeyValueStore kv;
    private final ChangeLogFloor floor;
    private final long leaseMs;
    private final Clock clock;
    private final EnsuredCounters ensured = new EnsuredCounters();

    /**
     * @param store the application's database, whose change log seeds the counters
     * @param kv    the key-value store
     * @param lease how long a reservation holds pull back at most; longer than any write transaction
     * @param clock the clock leases are measured with
     */
    public KVSequenceStore(DataStore store, KeyValueStore kv, Duration lease, Clock clock) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.floor = new ChangeLogFloor(store);
        this.leaseMs = lease.toMillis();
        this.clock = clock;
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("the lease must be positive");
        }
    }

    /** @param store the application's database @param kv the key-value store; a 60 s lease, the system clock */
    public KVSequenceStore(DataStore store, KeyValueStore kv) {
        this(store, kv, RedisSequenceStore.DEFAULT_LEASE, Clock.systemUTC());
    }

    @Override
    public void ensureCounter(Namespace namespace) {
        if (ensured.contains(namespace)) {
            return;
        }
        long highest = floor.highestSeq(namespace);
        String key = key(namespace);
        while (true) {
            String current = kv.get(key);
            ObjectNode state = current == null ? newState() : parse(current);
            if (current != null && state.get("last").longValue() >= highest) {
                break;
            }
            state.put("last", Math.max(highest, state.get("last").longValue()));
            if (kv.compareAndSet(key, current, state.toString())) {
                break;
            }
        }
        ensured.add(namespace);
    }

    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        String key = key(namespace);
        String token = UUID.randomUUID().toString();
        while (true) {
            String current = kv.get(key);
            if (current == null) {
                ensured.remove(namespace);
                throw new CounterMissing();
            }
            ObjectNode state = parse(current);
            long last = state.get("last").longValue() + count;
            state.put("last", last);
            ((ObjectNode) state.get("inflight")).putArray(token).add(last - count + 1).add(now() + leaseMs);
            if (kv.compareAndSet(key, current, state.toString())) {
                ReservationLease.attach(session, new ReservationLease.Holder() {
                    @Override
                    public boolean renew() {
                        return update(key, inflight -> {
                            if (!inflight.has(token)) {
                                return false;
                            }
                            long first = inflight.get(token).get(0).longValue();
                            inflight.putArray(token).add(first).add(now() + leaseMs);
                            return true;
                        });
                    }

                    @Override
                    public void release() {
                        update(key, inflight -> inflight.remove(token) != null);
                    }
                });
                return last;
            }
        }
    }

    @Override
    public long settled(Session session, Namespace namespace) {
        String key = key(namespace);
        while (true) {
            String current = kv.get(key);
            if (current == null) {
                return 0;
            }
            ObjectNode state = parse(current);
            ObjectNode inflight = (ObjectNode) state.get("inflight");
            long now = now();
            long lowest = Long.MAX_VALUE;
            boolean expired = false;
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = inflight.fields(); it.hasNext(); ) {
                var entry = it.next().getValue();
                if (entry.get(1).longValue() < now) {
                    it.remove();
                    expired = true;
                } else {
                    lowest = Math.min(lowest, entry.get(0).longValue());
                }
            }
            // Expired reservations are dropped for good, so their writers' commits are refused.
            if (!expired || kv.compareAndSet(key, current, state.toString())) {
                return lowest == Long.MAX_VALUE ? state.get("last").longValue() : lowest - 1;
            }
        }
    }

    /** Changes the reservations in flight by compare-and-set; answers what the change answered. */
    private boolean update(String key, java.util.function.Predicate<ObjectNode> change) {
        while (true) {
            String current = kv.get(key);
            if (current == null) {
                return false;
            }
            ObjectNode state = parse(current);
            if (!change.test((ObjectNode) state.get("inflight"))) {
                return false;
            }
            if (kv.compareAndSet(key, current, state.toString())) {
                return true;
            }
        }
    }

    private long now() {
        return clock.millis();
    }

    private static ObjectNode newState() {
        ObjectNode state = Json.object();
        state.put("last", 0L);
        state.putObject("inflight");
        return state;
    }

    private static ObjectNode parse(String value) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sequence state in the KV store is not JSON: " + value, e);
        }
    }

    private static String key(Namespace namespace) {
        return "datafn:seq:" + namespace;
    }
}
