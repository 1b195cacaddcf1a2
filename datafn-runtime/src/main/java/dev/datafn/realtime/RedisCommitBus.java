package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/**
 * Carries committed writes between instances through Redis pub/sub ({@code datafn.ws.bus = redis}), for
 * deployments that run Redis anyway or whose database is not PostgreSQL. Each instance holds two Redis
 * connections of its own: one {@code SUBSCRIBE}d to the channel ({@code datafn:commits} by default), one that
 * {@code PUBLISH}es this instance's writes, pipelined, from a publisher thread (see {@link Publisher}: a
 * writer only queues). Both connect again with a backoff when they drop.
 *
 * <p>Redis delivers one connection's messages in the order they were published, so an instance's writes of
 * a namespace arrive everywhere in its order. The payload is the PostgreSQL bus's (see {@link CommitMessage}),
 * size limit included, so the two read alike. Messages published while an instance's subscription is down
 * are lost to it (pub/sub keeps nothing); its clients catch up at the next cursor. The connections carry the
 * client name {@link #clientName()}, as {@code CLIENT LIST} shows it.
 *
 * <p>What it does like the PostgreSQL bus (the publisher, the subscription's upkeep, decoding and delivering)
 * is {@link NetworkCommitBus}'s; this class connects, {@code PUBLISH}es and {@code SUBSCRIBE}s.
 */
public final class RedisCommitBus implements CommitBus {

    /** The default channel. */
    public static final String DEFAULT_CHANNEL = "datafn:commits";

    private final URI url;
    private final String channel;
    private final String clientName = "datafn-commit-bus-" + UUID.randomUUID().toString().substring(0, 8);
    private final NetworkCommitBus bus;
    private volatile Jedis subscribed;
    private volatile JedisPubSub subscription;

    /**
     * Connects and subscribes to {@link #DEFAULT_CHANNEL}.
     *
     * @param url           the Redis server, e.g. {@code redis://127.0.0.1:6379}
     * @param everyResource what a write too large to list its resources stands for: the schema's resources
     */
    public RedisCommitBus(URI url, Set<String> everyResource) {
        this(url, DEFAULT_CHANNEL, everyResource);
    }

    /**
     * Connects and subscribes; returns once subscribed (or, when Redis cannot be reached, after 5 s, still
     * trying in the background).
     *
     * @param url           the Redis server, e.g. {@code redis://127.0.0.1:6379}
     * @param channel       the channel; instances hear each other on the same one
     * @param everyResource what a write too large to list its resources stands for: the schema's resources
     */
    public RedisCommitBus(URI url, String channel, Set<String> everyResource) {
        this.url = Objects.requireNonNull(url, "url");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("a commit bus channel is not blank");
        }
        this.channel = channel;
        this.bus = new NetworkCommitBus("Redis commit bus", channel, everyResource, new NetworkCommitBus.Transport() {
            @Override
            public Publisher.Connection openPublishing() {
                return RedisCommitBus.this.openPublishing();
            }

            @Override
            public void listen(Runnable listening, Consumer<String> heard) {
                RedisCommitBus.this.listen(listening, heard);
            }

            @Override
            public void stopListening() {
                RedisCommitBus.this.stopListening();
            }
        });
        bus.start();
    }

    /** @return the client name of this bus's connections in Redis' {@code CLIENT LIST} */
    public String clientName() {
        return clientName;
    }

    @Override
    public void publish(CommittedWrite write) {
        bus.publish(write);
    }

    @Override
    public AutoCloseable subscribe(Consumer<CommittedWrite> listener) {
        return bus.subscribe(listener);
    }

    /** Sends what is queued, unsubscribes and closes both connections. */
    @Override
    public void close() {
        bus.close();
    }

    private Jedis connect() {
        JedisClientConfig config = DefaultJedisClientConfig.builder().clientName(clientName).build();
        return new Jedis(url, config);
    }

    private Publisher.Connection openPublishing() {
        Jedis jedis = connect();
        return new Publisher.Connection() {
            @Override
            public void send(List<String> payloads) {
                try (Pipeline pipeline = jedis.pipelined()) {
                    for (String payload : payloads) {
                        pipeline.publish(channel, payload);
                    }
                    pipeline.sync();
                }
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    /** One subscription's life: SUBSCRIBE blocks, handing each message on, until unsubscribed. */
    private void listen(Runnable listening, Consumer<String> heard) {
        JedisPubSub pubsub = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                listening.run();
            }

            @Override
            public void onMessage(String channel, String message) {
                heard.accept(message);
            }
        };
        try (Jedis jedis = connect()) {
            subscribed = jedis;
            subscription = pubsub;
            if (bus.isClosed()) {
                return;
            }
            jedis.subscribe(pubsub, channel);
        } finally {
            subscribed = null;
            subscription = null;
        }
    }

    /** Unsubscribing ends the blocking SUBSCRIBE; before it is in place, closing the connection does. */
    private void stopListening() {
        JedisPubSub pubsub = subscription;
        if (pubsub != null && pubsub.isSubscribed()) {
            pubsub.unsubscribe();
            return;
        }
        Jedis jedis = subscribed;
        if (jedis != null) {
            jedis.close();
        }
    }
}
