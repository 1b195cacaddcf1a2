package dev.datafn.http;

import dev.datafn.realtime.CursorHub;
import dev.datafn.realtime.LiveClient;
import dev.datafn.schema.Namespace;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * One WebSocket of {@code /datafn/ws}, adapted to the {@link CursorHub}: opens with the namespace its
 * upgrade was admitted for ({@link WebSocketGate}), hands the client's frames and pongs to the hub and
 * writes what the hub sends. A new instance serves each connection.
 */
final class CursorSocket implements WsListener, LiveClient {

    /** The longest text a client may send in one message (its frames are pings). */
    private static final int MAX_MESSAGE_CHARS = 4_096;
    /** How long a close frame may take to write before the connection is dropped without it. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final CursorHub hub;
    private final WebSocketGate gate;
    private final StringBuilder message = new StringBuilder();
    private volatile WsSession session;

    CursorSocket(CursorHub hub, WebSocketGate gate) {
        this.hub = hub;
        this.gate = gate;
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        Namespace namespace = gate.claim(session.socketContext().socketId(), session.socketContext().childSocketId());
        if (namespace == null) {
            // Only an upgrade the pipeline admitted reaches here; this would be a socket opened around it.
            close(CursorHub.POLICY_VIOLATION, "the upgrade was not admitted");
            return;
        }
        hub.addClient(this, namespace);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        message.append(text);
        if (message.length() > MAX_MESSAGE_CHARS) {
            message.setLength(0);
            hub.removeClient(this);
            close(1009, "a message is at most " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        if (last) {
            String whole = message.toString();
            message.setLength(0);
            hub.handleMessage(this, whole);
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (last) {
            hub.handleMessage(this, "binary frame");
        }
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        hub.handlePong(this);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        hub.removeClient(this);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        hub.removeClient(this);
    }

    @Override
    public void send(String text) {
        session.send(text, true);
    }

    @Override
    public void ping() {
        session.ping(BufferData.empty());
    }

    /**
     * Sends the close frame; the connection ends when the peer answers it, or is dropped after a grace when
     * the peer does not (a silent client) or the frame cannot be written (a client that stopped reading).
     */
    @Override
    public void close(int code, String reason) {
        WsSession open = session;
        Thread.ofVirtual().name("datafn-live-drop").start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drop(open);
        });
        open.close(code, reason);
    }

    /**
     * Closes the connection's socket: its reading thread, blocked on a peer that sends nothing, then ends.
     * ({@link WsSession#terminate()} only works from that thread.)
     */
    private static void drop(WsSession session) {
        try {
            if (session.socketContext() instanceof ConnectionContext connection) {
                connection.serverSocket().close();
            }
        } catch (RuntimeException e) {
            // Closed already.
        }
    }
}
