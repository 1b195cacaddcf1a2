package dev.datafn.http;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.realtime.CursorHub;
import dev.datafn.schema.Namespace;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.ProtocolUpgradeHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /ws} as an HTTP route: Helidon runs it for a WebSocket upgrade before switching protocols,
 * so the upgrade passes the one {@link RequestPipeline} (action {@code ws}) like any request: a refusal
 * (401, 403, 429, 503) is answered in the envelope and the connection never switches. An admitted upgrade
 * leaves its caller's namespace here for the socket that opens on the same connection
 * ({@link CursorSocket}). A plain {@code GET /ws} without the upgrade is answered 400.
 *
 * <p>{@link ProtocolUpgradeHandler} is Helidon's SPI for a route's policy over an upgrade (4.5), marked
 * internal there; it is the one place where an upgrade meets HTTP routing with a full request, so the
 * pipeline needs no second, header-only entry.
 */
final class WebSocketGate implements ProtocolUpgradeHandler {

    /** How long an admitted upgrade's namespace waits for its socket before it is forgotten. */
    private static final long CLAIM_WINDOW_NANOS = 60_000_000_000L;

    private final RequestPipeline pipeline;
    private final CursorHub hub;
    private final Map<String, Admitted> admitted = new ConcurrentHashMap<>();

    /** A caller admitted on a connection, until its socket opens. */
    private record Admitted(Namespace namespace, long at) {
    }

    WebSocketGate(RequestPipeline pipeline, CursorHub hub) {
        this.pipeline = pipeline;
        this.hub = hub;
    }

    @Override
    public void handleProtocolUpgrade(ServerRequest req, ServerResponse res) {
        boolean admittedSwitch = pipeline.admitSwitch(req, res, "ws", scope -> {
            hub.checkRoom(scope.namespace());
            long now = System.nanoTime();
            // An upgrade admitted whose socket never opened (the handshake failed) leaves nothing behind.
            admitted.values().removeIf(stale -> now - stale.at() > CLAIM_WINDOW_NANOS);
            admitted.put(connectionKey(req.serverSocketId(), req.socketId()), new Admitted(scope.namespace(), now));
        });
        if (admittedSwitch) {
            res.next();
        }
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "ws", false, (scope, payload) -> {
            throw new DataFnException(ErrorCode.DFQL_INVALID, "GET /ws opens a WebSocket: send the upgrade headers "
                    + "(Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Key, Sec-WebSocket-Version: 13), and "
                    + "mount the endpoint on the web server (DataFnHttp.webSocketRouting)", null);
        });
    }

    /**
     * Takes the namespace admitted on a connection.
     *
     * @param serverSocketId the listener's socket id
     * @param socketId       the connection's socket id
     * @return the namespace, or {@code null} when no upgrade was admitted on that connection
     */
    Namespace claim(String serverSocketId, String socketId) {
        Admitted entry = admitted.remove(connectionKey(serverSocketId, socketId));
        return entry == null ? null : entry.namespace();
    }

    private static String connectionKey(String serverSocketId, String socketId) {
        return serverSocketId + " " + socketId;
    }
}
