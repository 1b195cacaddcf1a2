package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the buses that reach other instances over a network connection do alike, whatever carries the
 * payloads: writes are encoded ({@link CommitMessage}) and sent by a {@link Publisher}, a {@link ListenLoop}
 * keeps a subscription up, and each payload heard is decoded and told to the {@link Subscribers}. What differs,
 * connecting, sending and subscribing, is a {@link Transport}.
 *
 * <p>Composed into each bus rather than inherited: a bus builds its transport first, so no thread runs before
 * the bus is whole, and {@link #start} starts the threads.
 */
final class NetworkCommitBus implements CommitBus {

    private static final System.Logger LOG = System.getLogger(NetworkCommitBus.class.getName());
    /** How long {@link #start} waits for the first subscription before it lets it come in the background. */
    private static final Duration FIRST_LISTEN = Duration.ofSeconds(5);

    /** What carries a bus's payloads: the part each kind of server does its own way. */
    interface Transport {

        /**
         * @return a new connection that sends payloads, in order
         * @throws Exception when it cannot connect
         */
        Publisher.Connection openPublishing() throws Exception;

        /**
         * One subscription's life: connects, subscribes and hands each payload heard to {@code heard} until
         * the bus closes (returns) or the connection fails (throws).
         *
         * @param listening to call once the subscription is in place
         * @param heard     takes each payload heard
         * @throws Exception when the connection cannot be made or fails
         */
        void listen(Runnable listening, Consumer<String> heard) throws Exception;

        /** Makes a running {@link #listen} return soon, e.g. by closing its connection; called on close. */
        void stopListening();
    }

    private final String name;
    private final String channel;
    private final Set<String> everyResource;
    private final Transport transport;
    private final Subscribers subscribers = new Subscribers();
    private volatile Publisher publisher;
    private volatile ListenLoop listener;
    private volatile boolean closed;

    /**
     * A bus not yet started.
     *
     * @param name          what the log and the threads call the bus, e.g. {@code PostgreSQL commit bus}
     * @param channel       the channel, as the log names it
     * @param everyResource what a write too large to list its resources stands for: the schema's resources
     * @param transport     connects, sends and subscribes
     */
    NetworkCommitBus(String name, String channel, Set<String> everyResource, Transport transport) {
        this.name = Objects.requireNonNull(name, "name");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.everyResource = Set.copyOf(everyResource);
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Starts publishing and listening; returns once listening, or after 5 s when the server cannot be
     * reached, still trying in the background.
     */
    void start() {
        publisher = new Publisher(name, transport::openPublishing);
        listener = new ListenLoop(name, listening -> transport.listen(listening, this::deliver),
                transport::stopListening);
        if (!listener.awaitListening(FIRST_LISTEN)) {
            LOG.log(Level.WARNING, name + ": not listening yet; trying in the background");
        }
    }

    /** @return whether {@link #close} began: a listening session returns when it sees it */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void publish(CommittedWrite write) {
        publisher.publish(CommitMessage.encode(write));
    }

    @Override
    public AutoCloseable subscribe(Consumer<CommittedWrite> listener) {
        return subscribers.add(listener);
    }

    /** Sends what is queued, stops listening and lets go of both connections. */
    @Override
    public void close() {
        closed = true;
        try {
            if (publisher != null) {
                publisher.close();
            }
        } finally {
            if (listener != null) {
                listener.close();
            }
            subscribers.clear();
        }
    }

    /** Decodes a payload heard and tells it to the subscribers; one that is not a commit is logged and skipped. */
    private void deliver(String payload) {
        CommittedWrite write;
        try {
            write = CommitMessage.decode(payload, everyResource);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, name + ": ignored a message on " + channel + ", " + e.getMessage());
            return;
        }
        subscribers.deliver(write);
    }
}
