package dev.datafn.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.schema.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells each namespace's live clients that there is something to pull (seed 001's WebSocket broadcast),
 * whatever carries their connections: seed 000's {@code websocketHandler} shape ({@link #addClient},
 * {@link #removeClient}, {@link #handleMessage}, {@link #handlePong}), used by the built-in
 * {@code GET /datafn/ws} endpoint and by applications that bring their own transport.
 *
 * <p>Frames: {@code {"type":"hello","serverSeq":n,"heartbeatIntervalMs":ms}} on connect; after each commit
 * to the namespace, on any instance the {@link CommitBus} reaches, {@code {"type":"cursor","serverSeq":n,
 * "resources":[...]}} with the namespace's settled serverSeq (the one a pull reaches now) and the resources
 * written; {@code {"type":"pong"}} for a client's {@code {"type":"ping"}}; {@code {"type":"error","error":
 * {...}}} for any other frame. A client's cursors never go backwards, and a burst may arrive as one
 * cursor (the latest seq, the resources of all).
 *
 * <p>Closing: with 1001 when the engine shuts down ({@link DataFn#close()}); with 1008 when a ping is not
 * answered within {@code heartbeatTimeout}, or the client sends frames faster than it reads the answers;
 * with 1013 (try again later) when one frame takes longer than {@code heartbeatTimeout} to write (a client
 * that cannot keep up) and when the connection limits refuse it. Each such client should reconnect and pull.
 */
public final class CursorHub implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CursorHub.class.getName());

    /** Close code: the server is going away (shutdown). */
    public static final int GOING_AWAY = 1001;
    /** Close code: the client broke the protocol's rules (no pong in time, frames faster than it reads). */
    public static final int POLICY_VIOLATION = 1008;
    /** Close code: try again later (limits reached, a client that cannot keep up). */
    public static final int TRY_AGAIN_LATER = 1013;

    private final DataFn datafn;
    private final RealtimeSettings settings;
    private final Map<LiveClient, LiveConnection> connections = new ConcurrentHashMap<>();
    private final Map<Namespace, NamespaceCursor> namespaces = new ConcurrentHashMap<>();
    private final ReentrantLock admission = new ReentrantLock();
    private final ScheduledExecutorService heartbeats;
    private final AutoCloseable publishing;
    private final AutoCloseable subscription;
    private final AutoCloseable shutdownTask;
    private volatile boolean closed;

    /**
     * Starts a hub over an engine: publishes the engine's commits on the bus and sends each write heard on
     * it to the namespace's live clients.
     *
     * @param datafn   the engine whose settled seqs the cursors carry
     * @param bus      carries commits between instances ({@link InProcessCommitBus} for one)
     * @param settings the limits and heartbeats
     */
    public CursorHub(DataFn datafn, CommitBus bus, RealtimeSettings settings) {
        this.datafn = Objects.requireNonNull(datafn, "datafn");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(bus, "bus");
        this.subscription = bus.subscribe(this::heard);
        this.publishing = datafn.onCommit(bus::publish);
        this.shutdownTask = datafn.onShutdown(this::goAway);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("datafn-heartbeats").factory());
        long tick = Math.clamp(Math.min(settings.heartbeatInterval().toMillis(),
                settings.heartbeatTimeout().toMillis()) / 4, 5, 1_000);
        heartbeats.scheduleWithFixedDelay(this::beat, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** @return the limits and heartbeats in force */
    public RealtimeSettings settings() {
        return settings;
    }

    /**
     * Checks, before a transport accepts a connection, that the limits leave room for one more in the
     * namespace, so it can refuse with an HTTP status rather than open and close at once. {@link #addClient}
     * checks again.
     *
     * @param namespace the caller's namespace
     * @throws DataFnException {@code SERVICE_UNAVAILABLE} (503) at {@code maxConnections} or during shutdown,
     *     {@code RATE_LIMITED} (429) at {@code maxConnectionsPerNamespace}
     */
    public void checkRoom(Namespace namespace) {
        if (closed || datafn.isShuttingDown()) {
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "the server is shutting down; reconnect to another");
        }
        if (connections.size() >= settings.maxConnections()) {
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "this server holds maxConnections ("
                    + settings.maxConnections() + ") live connections; retry later");
        }
        NamespaceCursor cursor = namespaces.get(namespace);
        if (cursor != null && cursor.connections().size() >= settings.maxConnectionsPerNamespace()) {
            throw new DataFnException(ErrorCode.RATE_LIMITED, "the namespace holds maxConnectionsPerNamespace ("
                    + settings.maxConnectionsPerNamespace() + ") live connections; close one first");
        }
    }

    /**
     * Adds a connected client of a namespace and sends it the hello. A client the limits refuse (another
     * connection took the last place since {@link #checkRoom}) is closed with 1013.
     *
     * @param client    the client's connection
     * @param namespace the namespace it authenticated for
     * @return whether the client was added
     */
    public boolean addClient(LiveClient client, Namespace namespace) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(namespace, "namespace");
        LiveConnection connection = new LiveConnection(client, namespace, this);
        admission.lock();
        try {
            checkRoom(namespace);
            connections.put(client, connection);
            namespaces.computeIfAbsent(namespace, ns -> new NamespaceCursor(ns, datafn::settledServerSeq, datafn.commitsSettle()))
                    .connections().add(connection);
        } catch (DataFnException refused) {
            closeQuietly(client, TRY_AGAIN_LATER, refused.getMessage());
            return false;
        } finally {
            admission.unlock();
        }
        // Registered before the seq is read: a write committing meanwhile reaches the client as a cursor
        // after the hello, or is covered by the hello's seq.
        long seq;
        try {
            seq = datafn.settledServerSeq(namespace);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the settled serverSeq of " + namespace + " failed", e);
            close(connection, TRY_AGAIN_LATER, "the server could not read the namespace's serverSeq; retry");
            return false;
        }
        connection.hello(seq, CursorFrames.hello(seq, settings.heartbeatInterval().toMillis()));
        return true;
    }

    /**
     * Forgets a client whose connection closed.
     *
     * @param client the client
     */
    public void removeClient(LiveClient client) {
        LiveConnection connection = connections.remove(client);
        if (connection != null) {
            connection.markClosed();
            forget(connection);
        }
    }

    /**
     * Answers a text frame from a client: {@code {"type":"ping"}} with a pong, anything else with an error
     * frame. Any frame also shows the client is alive.
     *
     * @param client the client
     * @param data   the frame's text
     */
    public void handleMessage(LiveClient client, String data) {
        LiveConnection connection = connections.get(client);
        if (connection == null) {
            return;
        }
        connection.ponged();
        String answer;
        try {
            JsonNode frame = Json.parse(data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8), "");
            String type = frame.path("type").asText(null);
            if ("ping".equals(type)) {
                answer = CursorFrames.pong();
            } else {
                answer = CursorFrames.error(ErrorCode.DFQL_INVALID.name(), type == null
                        ? "a frame is a JSON object with a type; clients send {\"type\":\"ping\"}"
                        : "unknown frame type '" + type + "'; clients send {\"type\":\"ping\"}", "type");
            }
        } catch (DataFnException e) {
            answer = CursorFrames.error(e.code().name(), "a frame is a JSON object; " + e.getMessage(),
                    e.path() == null ? "" : e.path());
        }
        if (!connection.reply(answer)) {
            close(connection, POLICY_VIOLATION, "frames sent faster than their answers are read");
        }
    }

    /**
     * The client answered a ping.
     *
     * @param client the client
     */
    public void handlePong(LiveClient client) {
        LiveConnection connection = connections.get(client);
        if (connection != null) {
            connection.ponged();
        }
    }

    /** @return the live connections of this instance */
    public int connectionCount() {
        return connections.size();
    }

    /** Closes every connection with 1001 and stops; the engine calls it when its shutdown begins. */
    @Override
    public void close() {
        goAway();
        closeQuietly(publishing);
        closeQuietly(subscription);
        closeQuietly(shutdownTask);
    }

    /** A write heard on the bus. */
    private void heard(CommittedWrite write) {
        NamespaceCursor cursor = namespaces.get(write.namespace());
        if (cursor != null && !closed) {
            cursor.heard(write.lastServerSeq(), write.resources());
        }
    }

    /** A connection whose write failed: its peer is gone. */
    void dropped(LiveConnection connection) {
        removeClient(connection.client());
    }

    /** Pings, and closes the connections that did not answer or cannot keep up. */
    private void beat() {
        try {
            long now = System.nanoTime();
            long interval = settings.heartbeatInterval().toNanos();
            long timeout = settings.heartbeatTimeout().toNanos();
            for (LiveConnection connection : connections.values()) {
                long writing = connection.writingSince();
                long pinged = connection.pingSentAt();
                if (writing != 0 && now - writing > timeout) {
                    close(connection, TRY_AGAIN_LATER, "the client reads too slowly to keep up; reconnect");
                } else if (pinged != 0 && now - pinged > timeout) {
                    close(connection, POLICY_VIOLATION, "no pong within heartbeatTimeoutMs");
                } else if (pinged == 0 && now - connection.lastPingAt() >= interval) {
                    connection.ping(now);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the heartbeat round failed; the next one runs as usual", e);
        }
    }

    private void goAway() {
        closed = true;
        heartbeats.shutdownNow();
        namespaces.values().forEach(NamespaceCursor::stop);
        for (LiveConnection connection : connections.values()) {
            close(connection, GOING_AWAY, "the server is shutting down; reconnect");
        }
    }

    private void close(LiveConnection connection, int code, String reason) {
        connections.remove(connection.client());
        forget(connection);
        if (connection.markClosed()) {
            // On a thread of its own: the connection may be stuck in a write, and closing it must not wait.
            Thread.ofVirtual().name("datafn-live-close").start(() -> closeQuietly(connection.client(), code, reason));
        }
    }

    private void forget(LiveConnection connection) {
        // Under the admission lock, so a namespace left without connections is dropped (however many
        // namespaces come and go, the map holds the connected ones) without losing a client added meanwhile.
        admission.lock();
        try {
            NamespaceCursor cursor = namespaces.get(connection.namespace());
            if (cursor != null && cursor.connections().remove(connection) && cursor.connections().isEmpty()) {
                namespaces.remove(connection.namespace());
                cursor.stop();
            }
        } finally {
            admission.unlock();
        }
    }

    private static void closeQuietly(LiveClient client, int code, String reason) {
        try {
            client.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a live connection failed; it is gone already", e);
        }
    }

    private static void closeQuietly(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "letting go of a registration failed", e);
        }
    }
}
