package dev.datafn.http;

import io.helidon.common.config.Config;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1LoggingConnectionListener;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the web server serving DataFn must do with its connections, whoever reaches it: close a connection that
 * carries no traffic (an abandoned keep-alive connection, a request sent in part and left) or whose request headers
 * do not arrive within a deadline of its request line, bound how many are open, close the connection after
 * answering a request that asked for it with {@code Connection: close}, and after answering one whose body was left
 * unread (refused before it was read) unless the rest is small and arrives within {@link #DRAIN_TIMEOUT}.
 *
 * <pre>{@code
 * WebServer.builder()
 *     .update(ConnectionHandling::defaults)      // before the server's own configuration, which may change them
 *     .config(config.get("server"))
 *     .update(server -> ConnectionHandling.headDeadline(server, config.get("server"), HEAD_TIMEOUT))   // after it
 *     ...
 * }</pre>
 *
 * <p>Helidon 4.5.0 answers {@code Connection: close} with that header but then waits on the socket for another
 * request (helidon-io/helidon#12324, fixed in later 4.5 releases); this feature closes it itself, for every route
 * of every listener, the protocol's, the generated REST routes', observe's and static content's alike.
 */
public final class ConnectionHandling implements ServerFeature {

    /**
     * How long a connection may carry no traffic before the server closes it: longer than a client's pause
     * between requests on a kept-alive connection, shorter than the minutes an abandoned one would hold a socket.
     * A live WebSocket client pings more often (the {@code hello} frame's heartbeat interval).
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long a request's headers may take to arrive after its request line: a head fits in one packet or a few,
     * so seconds are generous to any client, and bound what one sent in part (or a byte at a time) holds.
     */
    public static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);

    /** How often the server looks for idle connections: a connection is closed at most this long after its timeout. */
    public static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(10);

    /**
     * The most connections open at once, WebSockets included; more wait in the operating system's accept backlog.
     * The default WebSocket limit ({@code ws.maxConnections}) is the same, so live clients alone cannot reach it.
     */
    public static final int MAX_TCP_CONNECTIONS = 10_000;

    /**
     * The largest unread body read to its end rather than left by closing the connection: a few times the default
     * {@code maxPayloadBytes}, so a client that sends a body a little over the limit reads its 413 instead of a
     * connection reset while it was still sending (a 5.3 MB body lost its answer that way with 1 MiB here).
     */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;

    /** How long the rest of an unread small body may take to arrive before the connection is closed instead. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private ConnectionHandling() {
    }

    /**
     * Sets DataFn's connection defaults on a web server and adds this feature; settings applied after it (Helidon's
     * {@code server.*} configuration: {@code idle-connection-timeout}, {@code idle-connection-period},
     * {@code max-tcp-connections}, {@code max-concurrent-requests}, ...) change them.
     *
     * @param server the web server's builder
     */
    public static void defaults(WebServerConfig.BuilderBase<?, ?> server) {
        server.idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(IDLE_CHECK_PERIOD)
                .maxTcpConnections(MAX_TCP_CONNECTIONS)
                .addFeature(new ConnectionHandling());
    }

    /**
     * Closes a connection whose request headers do not arrive within the timeout of its request line, on the
     * server's default listener. The deadline is one of the listeners of the HTTP/1 protocol's configuration: the
     * one the builder holds, or else one read from {@code protocols.http_1_1} of the server's configuration, which
     * would otherwise be read when the server is built, so the server's own HTTP/1 options are kept either way.
     *
     * <pre>{@code
     * WebServer.builder()
     *     .update(ConnectionHandling::defaults)
     *     .config(config.get("server"))
     *     .update(server -> ConnectionHandling.headDeadline(server, config.get("server"), HEAD_TIMEOUT))
     * }</pre>
     *
     * @param server       the web server's builder
     * @param serverConfig the server's configuration (Helidon's {@code server} node), which may be empty
     * @param timeout      how long a request's headers may take to arrive after its request line
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public static void headDeadline(WebServerConfig.BuilderBase<?, ?> server, Config serverConfig, Duration timeout) {
        HeadDeadline deadline = new HeadDeadline(timeout);
        List<ProtocolConfig> protocols = new ArrayList<>();
        boolean added = false;
        for (ProtocolConfig protocol : server.protocols()) {
            if (protocol instanceof Http1Config http1 && !added) {
                protocols.add(withDeadline(Http1Config.builder().from(http1), deadline));
                added = true;
            } else {
                protocols.add(protocol);
            }
        }
        if (!added) {
            // Named as the configuration Helidon would discover, so that this one takes its place rather than runs
            // beside it: with two, Helidon reads a new connection's first bytes to choose, before any idle timeout
            // applies.
            protocols.add(withDeadline(Http1Config.builder().config(serverConfig.get("protocols.http_1_1"))
                    .name("http_1_1"), deadline));
        }
        server.protocols(protocols);
    }

    /**
     * @return the HTTP/1 configuration with the deadline after its listeners, or after Helidon's traffic log
     *         listeners, which Helidon adds only to a configuration without listeners of its own; each side's
     *         listeners are joined in one {@link Http1Listeners}, since Helidon's own join of several tells none
     */
    private static Http1Config withDeadline(Http1Config.Builder http1, HeadDeadline deadline) {
        List<Http1ConnectionListener> receive = new ArrayList<>(http1.receiveListeners());
        if (receive.isEmpty() && http1.receiveLog()) {
            receive.add(Http1LoggingConnectionListener.create(http1.log(), "recv"));
        }
        receive.add(deadline);
        List<Http1ConnectionListener> send = new ArrayList<>(http1.sendListeners());
        if (send.isEmpty() && http1.sendLog()) {
            send.add(Http1LoggingConnectionListener.create(http1.log(), "send"));
        }
        send.add(deadline);
        return http1.receiveListeners(List.of(new Http1Listeners(receive)))
                .sendListeners(List.of(new Http1Listeners(send)))
                .build();
    }

    @Override
    public void setup(ServerFeatureContext context) {
        Filter closeWhenAsked = (chain, req, res) -> {
            chain.proceed();
            if (req.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                // The answer is written: ending the request this way makes Helidon close the socket, quietly.
                throw new CloseConnectionException("the client asked to close the connection");
            }
            if (req.content().hasEntity() && !req.content().consumed() && !drained(req)) {
                // Answered without its body being read (refused before it: 401, 413, 429; or a route that takes
                // none), and the rest is large or does not come: Helidon would read it with no deadline, to reach
                // the next request on the connection. Closing it instead bounds what a client can make it read.
                throw new CloseConnectionException("the request's body was left unread");
            }
        };
        // sockets() names the listeners added beside the default one.
        context.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting().addFilter(closeWhenAsked);
        context.sockets().forEach(socket -> context.socket(socket).httpRouting().addFilter(closeWhenAsked));
    }

    /**
     * Reads and drops the rest of a small body within {@link #DRAIN_TIMEOUT}, so the connection can serve the
     * next request. Closing at once instead would reset a connection whose client is still sending: the answer it
     * was about to read would be lost with it.
     *
     * @return whether the body was read to its end
     */
    private static boolean drained(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared < 0 || declared > DRAIN_BYTES) {
            return false;
        }
        try (BodyDeadline.Watch deadline = new BodyDeadline(DRAIN_TIMEOUT).start()) {
            req.content().consume();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "datafn-connection-handling";
    }

    @Override
    public String type() {
        return "datafn-connection-handling";
    }
}
