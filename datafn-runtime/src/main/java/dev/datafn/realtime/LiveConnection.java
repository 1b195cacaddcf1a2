package dev.datafn.realtime;

import dev.datafn.schema.Namespace;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live client in a {@link CursorHub} and what waits to be written to it. Frames are written by one
 * sender at a time on a virtual thread started when there is something to send, so a slow client never
 * holds up a writer or another client. What waits is bounded: at most one cursor (a newer one replaces it,
 * its resources joined), one ping, and {@link #MAX_REPLIES} answers to the client's own frames.
 *
 * <p>A lock rather than {@code synchronized}: senders are virtual threads, which must not be pinned while
 * they wait.
 */
final class LiveConnection {

    /** Answers (pong, error) that may wait at once; a client that sends faster than it reads is closed. */
    static final int MAX_REPLIES = 32;

    private final LiveClient client;
    private final Namespace namespace;
    private final CursorHub hub;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<String> replies = new ArrayDeque<>();
    private String hello;
    private boolean ready;
    private boolean pingDue;
    private long pendingSeq = -1;
    private Set<String> pendingResources = new TreeSet<>();
    private long lastSentSeq = -1;
    private boolean sending;
    private boolean closed;
    /** When the write under way began (nanoTime), or 0 while none is. */
    private volatile long writingSince;
    /** When the unanswered ping was queued (nanoTime), or 0 when every ping was answered. */
    private volatile long pingSentAt;
    private volatile long lastPingAt = System.nanoTime();

    LiveConnection(LiveClient client, Namespace namespace, CursorHub hub) {
        this.client = client;
        this.namespace = namespace;
        this.hub = hub;
    }

    LiveClient client() {
        return client;
    }

    Namespace namespace() {
        return namespace;
    }

    /**
     * Sends the hello first of all; cursors up to its seq are not sent afterwards (the client pulls to it).
     *
     * @param serverSeq the settled seq the hello names
     * @param frame     the hello frame
     */
    void hello(long serverSeq, String frame) {
        lock.lock();
        try {
            hello = frame;
            lastSentSeq = Math.max(lastSentSeq, serverSeq);
            ready = true;
            startSender();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers a cursor; it joins the one still waiting, if any.
     *
     * @param serverSeq the namespace's settled seq
     * @param resources the resources written
     */
    void cursor(long serverSeq, Set<String> resources) {
        lock.lock();
        try {
            if (closed || serverSeq <= lastSentSeq) {
                return;
            }
            pendingSeq = Math.max(pendingSeq, serverSeq);
            pendingResources.addAll(resources);
            startSender();
        } finally {
            lock.unlock();
        }
    }

    /** @param frame an answer to one of the client's frames @return false when too many wait already */
    boolean reply(String frame) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            if (replies.size() >= MAX_REPLIES) {
                return false;
            }
            replies.add(frame);
            startSender();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a ping and starts waiting for its pong. */
    void ping(long now) {
        lock.lock();
        try {
            lastPingAt = now;
            pingSentAt = now;
            pingDue = true;
            startSender();
        } finally {
            lock.unlock();
        }
    }

    /** The client answered a ping. */
    void ponged() {
        pingSentAt = 0;
    }

    long lastPingAt() {
        return lastPingAt;
    }

    long pingSentAt() {
        return pingSentAt;
    }

    long writingSince() {
        return writingSince;
    }

    /** @return whether this call closed the connection (false when it was closed already) */
    boolean markClosed() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            replies.clear();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void startSender() {
        if (ready && !sending && !closed) {
            sending = true;
            Thread.ofVirtual().name("datafn-live-sender").start(this::drain);
        }
    }

    /** Writes what waits until nothing does; the only writer of this connection while it runs. */
    private void drain() {
        while (true) {
            Runnable write;
            lock.lock();
            try {
                write = next();
                if (write == null) {
                    sending = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            writingSince = System.nanoTime();
            try {
                write.run();
            } catch (RuntimeException e) {
                // The peer is gone or the socket broke: nothing more can be written to it.
                hub.dropped(this);
                lock.lock();
                try {
                    sending = false;
                } finally {
                    lock.unlock();
                }
                return;
            } finally {
                writingSince = 0;
            }
        }
    }

    /** @return the next write, hello first, then answers, the ping and the cursor; null when none waits */
    private Runnable next() {
        if (closed) {
            return null;
        }
        if (hello != null) {
            String frame = hello;
            hello = null;
            return () -> client.send(frame);
        }
        String reply = replies.poll();
        if (reply != null) {
            return () -> client.send(reply);
        }
        if (pingDue) {
            pingDue = false;
            return client::ping;
        }
        if (pendingSeq > lastSentSeq) {
            String frame = CursorFrames.cursor(pendingSeq, pendingResources);
            lastSentSeq = pendingSeq;
            pendingSeq = -1;
            pendingResources = new TreeSet<>();
            return () -> client.send(frame);
        }
        return null;
    }
}
