package dev.datafn.realtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a bus's subscription connection up, on a thread of its own: runs a session (connect, subscribe,
 * hear writes until the connection fails) and, when it fails, runs it again after a {@link Backoff}. An
 * outage is logged once when it starts and once when the subscription is back; writes published while it
 * is down are not heard here (clients catch up at the next cursor or when they reconnect).
 */
final class ListenLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ListenLoop.class.getName());

    /** One connection's life: returns when its bus closes, throws when the connection fails. */
    interface Session {
        /**
         * @param listening to call once the subscription is in place, so writes published from then on are heard
         * @throws Exception when the connection cannot be made or fails
         */
        void run(Runnable listening) throws Exception;
    }

    private final String bus;
    private final Session session;
    private final Runnable wake;
    private final CountDownLatch firstListening = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Backoff backoff = new Backoff();
    private final Thread thread;
    private volatile boolean closed;
    private boolean down;

    /**
     * Starts listening.
     *
     * @param bus     what the log calls the bus
     * @param session one connection's life
     * @param wake    makes a running session return soon, e.g. by closing its connection; called on close
     */
    ListenLoop(String bus, Session session, Runnable wake) {
        this.bus = bus;
        this.session = session;
        this.wake = wake;
        this.thread = Thread.ofPlatform().daemon().name(bus + " listener").start(this::run);
    }

    /**
     * @param timeout how long to wait
     * @return whether the first subscription is in place (false while the server cannot be reached)
     */
    boolean awaitListening(Duration timeout) {
        try {
            return firstListening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        while (!closed) {
            try {
                session.run(this::listening);
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (!down) {
                    down = true;
                    LOG.log(Level.WARNING, bus + ": lost its subscription; connecting again until it can "
                            + "(writes published meanwhile are not heard by this instance)", e);
                }
            }
            if (!closed) {
                try {
                    // Waits out the backoff, or less when the bus closes meanwhile.
                    closing.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void listening() {
        backoff.reset();
        firstListening.countDown();
        if (down) {
            down = false;
            LOG.log(Level.INFO, bus + ": subscribed again");
        }
    }

    /** Stops listening and waits, at most 5 s, for the session to let go of its connection. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            wake.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, bus + ": waking the listener failed", e);
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
