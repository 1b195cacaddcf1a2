package dev.datafn.http;

import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Notices that a request's client has gone (closed its connection) while the request still runs.
 *
 * <p>An HTTP/1.1 handler runs on its connection's own thread and nothing reads the socket meanwhile, so a
 * closed connection goes unseen until the answer is written. A watch looks at the connection's socket
 * every {@value #POLL_MS} ms without reading from it: it asks the operating system whether the socket is
 * readable (a selector, for which the channel is switched to non-blocking mode for that instant) and how
 * many bytes wait. Readable with nothing waiting is the end of the stream or a reset: the client has gone.
 * Bytes waiting are the next, pipelined request, left for the connection to read; the watch then stops,
 * since it cannot see past them.
 *
 * <p>Helidon's own means do not serve here: its default socket ({@code NioSocket}) does nothing on
 * {@code HelidonSocket.idle()}, and its blocking {@code PlainSocket} takes a socket without a read
 * timeout, the server's, for one that timed out after its first 101 ms idle. And Helidon 4.5 does not
 * hand the connection to a handler: the socket is reached by reflection, once at startup, through
 * {@code Http1ServerRequest}'s connection. When it cannot be reached (another Helidon version, the module
 * path), requests are not watched, which is said once in the log; HTTP/2 requests are not watched either.
 *
 * <p>Since the channel is non-blocking while it is polled, nothing may write to it then: the pipeline
 * closes the watch before it sends an answer, and writes a streamed answer through {@link Watch#guard}.
 * A watch waits one poll interval before it first looks, so the many requests that end sooner cost only
 * a sleeping virtual thread.
 */
final class ClientDisconnects {

    private static final Logger LOG = System.getLogger(ClientDisconnects.class.getName());

    /** How often a watch looks at the connection, in milliseconds. */
    static final long POLL_MS = 50;

    private static final ClientDisconnects INSTANCE = create();

    private final Field connectionOfRequest;
    private final Field channelOfConnection;

    private ClientDisconnects(Field connectionOfRequest, Field channelOfConnection) {
        this.connectionOfRequest = connectionOfRequest;
        this.channelOfConnection = channelOfConnection;
    }

    /** @return the one instance, which watches nothing when Helidon's internals could not be reached */
    static ClientDisconnects get() {
        return INSTANCE;
    }

    private static ClientDisconnects create() {
        try {
            Field connection = Class.forName("io.helidon.webserver.http1.Http1ServerRequest").getDeclaredField("ctx");
            Field channel = Class.forName("io.helidon.webserver.ConnectionHandler").getDeclaredField("socket");
            if (!ConnectionContext.class.isAssignableFrom(connection.getType()) || channel.getType() != SocketChannel.class) {
                throw new NoSuchFieldException("Helidon's request or connection is not shaped as expected");
            }
            connection.setAccessible(true);
            channel.setAccessible(true);
            return new ClientDisconnects(connection, channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "DataFn cannot watch for clients that disconnect (" + e
                    + "); a request whose client went away runs to its end");
            return new ClientDisconnects(null, null);
        }
    }

    /**
     * @param onGone run once, on the watch's thread, when the client has gone
     * @return a watch over one request, which looks at nothing until {@linkplain Watch#start started}
     */
    Watch watch(Runnable onGone) {
        return new Watch(this, onGone);
    }

    /** @return the connection's socket of an HTTP/1.1 request, or {@code null} when it cannot be reached */
    private SocketChannel channelOf(ServerRequest req) {
        if (connectionOfRequest == null || !connectionOfRequest.getDeclaringClass().isInstance(req)) {
            return null;
        }
        try {
            Object connection = connectionOfRequest.get(req);
            return channelOfConnection.getDeclaringClass().isInstance(connection)
                    ? (SocketChannel) channelOfConnection.get(connection) : null;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** One request's watch. */
    static final class Watch implements AutoCloseable {

        private final ClientDisconnects disconnects;
        private final Runnable onGone;
        // A look at the channel and a write to it exclude each other: the channel is non-blocking while
        // looked at. Closing takes the lock too, so a closed watch never touches the channel again.
        private final ReentrantLock lock = new ReentrantLock();
        private SocketChannel channel;
        private boolean closed;
        private volatile boolean gone;

        private Watch(ClientDisconnects disconnects, Runnable onGone) {
            this.disconnects = disconnects;
            this.onGone = onGone;
        }

        /**
         * Starts watching the request's connection, once its body has been read whole. Does nothing when
         * the connection cannot be reached, or the watch was started or closed before.
         *
         * @param req the request
         */
        void start(ServerRequest req) {
            lock.lock();
            try {
                if (closed || channel != null) {
                    return;
                }
                channel = disconnects.channelOf(req);
                if (channel == null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            Thread.ofVirtual().name("datafn-disconnect-watch").start(this::poll);
        }

        /** @return whether the client was seen to close the connection while the request ran */
        boolean clientGone() {
            return gone;
        }

        /**
         * @param out the response's body stream
         * @return the stream, writing only while the watch does not look at the connection
         */
        OutputStream guard(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    lock.lock();
                    try {
                        out.write(b);
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    lock.lock();
                    try {
                        out.write(b, off, len);
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void flush() throws IOException {
                    lock.lock();
                    try {
                        out.flush();
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void close() throws IOException {
                    lock.lock();
                    try {
                        out.close();
                    } finally {
                        lock.unlock();
                    }
                }
            };
        }

        private void poll() {
            Selector selector = null;
            try {
                while (true) {
                    Thread.sleep(POLL_MS);
                    lock.lock();
                    try {
                        if (closed) {
                            return;
                        }
                        if (selector == null) {
                            // Opened only now: the many requests that end within one interval need none.
                            selector = Selector.open();
                        }
                        switch (look(selector)) {
                            case CONNECTED -> {
                                continue;
                            }
                            case NEXT_REQUEST_WAITING -> {
                                return;
                            }
                            case GONE -> gone = true;
                        }
                    } finally {
                        lock.unlock();
                    }
                    onGone.run();
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // The channel could not be looked at (closed under the watch, say): stop watching.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(selector);
            }
        }

        private static void closeQuietly(Selector selector) {
            if (selector != null) {
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // Only its descriptor is lost, which closing already gave back.
                }
            }
        }

        private enum Seen { CONNECTED, NEXT_REQUEST_WAITING, GONE }

        /** Looks at the channel without reading from it; leaves it blocking, as the connection expects. */
        private Seen look(Selector selector) throws IOException {
            boolean readable;
            channel.configureBlocking(false);
            try {
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                try {
                    readable = selector.selectNow() > 0;
                } finally {
                    key.cancel();
                    // A cancelled key leaves the selector at its next selection; only then may the channel block.
                    selector.selectNow();
                }
            } finally {
                channel.configureBlocking(true);
            }
            if (!readable) {
                return Seen.CONNECTED;
            }
            try {
                return channel.socket().getInputStream().available() > 0 ? Seen.NEXT_REQUEST_WAITING : Seen.GONE;
            } catch (IOException reset) {
                return Seen.GONE;
            }
        }

        /** Stops watching: from now on the connection may write to and read from its socket again. */
        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
        }
    }
}
