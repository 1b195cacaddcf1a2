package dev.datafn.realtime;

import dev.datafn.schema.Namespace;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * One namespace's live connections and the cursor they are owed. Writes heard while a round runs join it,
 * so a burst costs one read of the settled seq for the whole namespace, not one per write or per
 * connection. A round sends only a settled seq that reaches every write it carries: while a transaction
 * with a lower seq is still in flight, the settled seq stays below, and the round reads it again shortly
 * (a transaction that rolls back never reports, so waiting for its commit could last forever). Where the
 * sequence store settles a seq at its commit (the default), the highest seq heard is the settled one, and a
 * round reads nothing: with many writers, a read per round would cost the database as much as the writes.
 */
final class NamespaceCursor {

    private static final System.Logger LOG = System.getLogger(NamespaceCursor.class.getName());
    private static final long FIRST_RECHECK_MILLIS = 1;
    private static final long LAST_RECHECK_MILLIS = 50;

    private final Namespace namespace;
    private final ToLongFunction<Namespace> settled;
    private final boolean settledAtCommit;
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private long target = -1;
    private Set<String> resources = new TreeSet<>();
    private boolean running;
    private volatile boolean stopped;

    /**
     * @param namespace       the namespace
     * @param settled         reads the namespace's settled seq
     * @param settledAtCommit whether a committed write's seq is settled when heard, so none need be read
     */
    NamespaceCursor(Namespace namespace, ToLongFunction<Namespace> settled, boolean settledAtCommit) {
        this.namespace = namespace;
        this.settled = settled;
        this.settledAtCommit = settledAtCommit;
    }

    Set<LiveConnection> connections() {
        return connections;
    }

    /** Stops the round under way, if any, for good. */
    void stop() {
        stopped = true;
    }

    /**
     * A write to this namespace committed.
     *
     * @param lastServerSeq its highest seq
     * @param written       the resources it changed
     */
    void heard(long lastServerSeq, Set<String> written) {
        if (connections.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            target = Math.max(target, lastServerSeq);
            resources.addAll(written);
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("datafn-live-cursor").start(this::round);
    }

    /** Sends the cursor once the settled seq reaches the writes heard; goes on while more are heard. */
    private void round() {
        long pause = FIRST_RECHECK_MILLIS;
        while (!stopped) {
            long seq;
            try {
                seq = settledAtCommit ? target() : settled.applyAsLong(namespace);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reading the settled serverSeq of " + namespace
                        + " failed; its live clients hear of the writes at the next cursor", e);
                finish();
                return;
            }
            Set<String> due = null;
            lock.lock();
            try {
                if (seq >= target) {
                    due = resources;
                    resources = new TreeSet<>();
                }
            } finally {
                lock.unlock();
            }
            if (due != null) {
                for (LiveConnection connection : connections) {
                    connection.cursor(seq, due);
                }
                pause = FIRST_RECHECK_MILLIS;
                lock.lock();
                try {
                    if (resources.isEmpty()) {
                        running = false;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                continue;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish();
                return;
            }
            pause = Math.min(pause * 2, LAST_RECHECK_MILLIS);
        }
        finish();
    }

    private long target() {
        lock.lock();
        try {
            return target;
        } finally {
            lock.unlock();
        }
    }

    private void finish() {
        lock.lock();
        try {
            resources = new TreeSet<>();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
