package dev.datafn.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes an HTTP/1 connection whose request headers do not arrive whole within a deadline from its request line:
 * a client that sends part of a request's head and stops, or goes on a byte at a time, no longer holds its
 * connection (and its virtual thread) for as long as it likes.
 *
 * <p>Helidon 4.5 reads a head with no deadline of its own. Its idle timeout covers the request line (a connection
 * still waiting for one is closed when idle), but not the headers after it: once the request line is read, the
 * idle check marks the connection to end after its request, which never comes. So this listener, one of Helidon's
 * HTTP/1 connection listeners, arms a deadline when the request line has been read and disarms it when the headers
 * have (or when an answer is sent, as to headers Helidon refused); a sweep closes the socket of each connection
 * past its deadline, which ends the read waiting on it.
 *
 * <p>The sweep runs on one daemon thread shared by every server in the JVM, and only while some deadline is armed.
 */
final class HeadDeadline implements Http1ConnectionListener {

    private static final System.Logger LOG = System.getLogger(HeadDeadline.class.getName());

    /** How often armed deadlines are looked at: a late head is closed at most this long after its deadline. */
    static final long SWEEP_MS = 500;

    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("datafn-head-deadline").factory());

    private final long timeoutNanos;
    private final String timeoutText;
    // Each connection whose head is being read, with when its deadline passes (System.nanoTime).
    private final Map<ConnectionContext, Long> armed = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /**
     * @param timeout how long the headers may take to arrive after the request line
     * @throws IllegalArgumentException when the timeout is not positive
     */
    HeadDeadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the head read timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = timeout.toMillis() + " ms";
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        armed.put(ctx, System.nanoTime() + timeoutNanos);
        if (sweeping.compareAndSet(false, true)) {
            SWEEPER.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        armed.remove(ctx);
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        armed.remove(ctx);
    }

    private void sweep() {
        long now = System.nanoTime();
        armed.forEach((ctx, deadline) -> {
            if (now - deadline >= 0 && armed.remove(ctx, deadline)) {
                // On a thread of its own: closing a TLS socket may write to a client that does not read.
                Thread.ofVirtual().name("datafn-head-deadline-close").start(() -> close(ctx));
            }
        });
        // Stop sweeping when nothing is armed; a deadline armed meanwhile starts the sweep again, here or in prologue.
        sweeping.set(false);
        if (!armed.isEmpty() && sweeping.compareAndSet(false, true)) {
            SWEEPER.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void close(ConnectionContext ctx) {
        try {
            // Read before the close: the peer's address is read off the open socket.
            String peer = String.valueOf(ctx.remotePeer().address());
            ctx.serverSocket().close();
            LOG.log(Level.INFO, () -> "closed a connection from " + peer + " whose request headers did not arrive"
                    + " within " + timeoutText);
        } catch (RuntimeException e) {
            // Closed already, by its client or by the server: nothing is left to end.
            LOG.log(Level.DEBUG, "a late request head's connection was closed already", e);
        }
    }
}
