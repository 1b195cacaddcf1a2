package dev.datafn.realtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a bus's payloads from a thread of its own, so a writer only queues: a bounded queue, emptied in
 * batches, in the order queued, over one connection, so one instance's writes reach the bus in the order it
 * published them. When the connection fails it connects again with a {@link Backoff} and sends the batch
 * again (a write heard twice only repeats a cursor); while the queue is full, new payloads are dropped, since
 * writers must never wait for the bus: their clients catch up at their next cursor. Each outage is logged
 * when it starts and when it ends.
 */
final class Publisher implements AutoCloseable {

    /** Payloads waiting to be sent, at most; about 8 MB at the largest payloads. */
    static final int CAPACITY = 10_000;

    /** How often a batch may fail on a fresh connection before it is dropped. */
    private static final int REFUSALS = 3;

    /** Most payloads sent in one round trip. */
    private static final int BATCH = 256;

    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());

    /** A connection that sends payloads, in order. */
    interface Connection extends AutoCloseable {
        /** @param payloads sent in this order @throws Exception when the connection failed */
        void send(List<String> payloads) throws Exception;

        @Override
        void close();
    }

    /** Opens a connection. */
    interface Connector {
        /** @return a new connection @throws Exception when it cannot connect */
        Connection connect() throws Exception;
    }

    private final String bus;
    private final Connector connector;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean overflowing = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final Backoff backoff = new Backoff();
    private volatile boolean closed;
    private boolean down;
    private Connection connection;

    /**
     * @param bus       what the log calls the bus, e.g. {@code PostgreSQL commit bus}
     * @param connector opens the sending connection, at the first payload and after each failure
     */
    Publisher(String bus, Connector connector) {
        this.bus = bus;
        this.connector = connector;
        this.thread = Thread.ofPlatform().daemon().name(bus + " publisher").start(this::run);
    }

    /** @param payload queued for sending; dropped, and logged once, while the queue is full */
    void publish(String payload) {
        if (closed) {
            return;
        }
        if (!queue.offer(payload)) {
            if (overflowing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, bus + ": " + CAPACITY + " writes wait to be published; dropping new ones "
                        + "until it catches up (their clients catch up at the next cursor)");
            }
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                boolean sent = sendUntilDone(batch);
                batch.clear();
                if (!sent && closed) {
                    // Closing while the server cannot be reached: what is still queued is dropped with it.
                    break;
                }
                if (overflowing.get() && queue.remainingCapacity() > CAPACITY / 2) {
                    overflowing.set(false);
                    LOG.log(Level.INFO, bus + ": publishing keeps up again");
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        closeConnection();
    }

    /**
     * Sends the batch, connecting again as often as needed; on close, tries once more and gives up. A batch
     * that fails on a fresh connection {@link #REFUSALS} times is one the server refuses, not an outage: it is
     * dropped, so that it cannot hold up every write after it.
     *
     * @return whether it was sent
     */
    private boolean sendUntilDone(List<String> batch) throws InterruptedException {
        int refusals = 0;
        while (true) {
            boolean fresh = false;
            try {
                if (connection == null) {
                    connection = connector.connect();
                    fresh = true;
                }
                connection.send(batch);
                if (down) {
                    down = false;
                    LOG.log(Level.INFO, bus + ": publishing again");
                }
                backoff.reset();
                return true;
            } catch (Exception e) {
                closeConnection();
                if (fresh && ++refusals >= REFUSALS) {
                    LOG.log(Level.ERROR, bus + ": dropped " + batch.size() + " writes the server refuses to carry", e);
                    return false;
                }
                if (!down) {
                    down = true;
                    LOG.log(Level.WARNING, bus + ": cannot publish; trying again until it can (writes published "
                            + "meanwhile wait, or are dropped once " + CAPACITY + " wait)", e);
                }
                if (closed) {
                    return false;
                }
                // Waits out the backoff, or less when the bus closes meanwhile.
                closing.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, bus + ": closing the publishing connection failed", e);
            }
            connection = null;
        }
    }

    /** Sends what is queued (one attempt), then closes the connection; waits for that at most 5 s. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            thread.join(Duration.ofSeconds(5));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
