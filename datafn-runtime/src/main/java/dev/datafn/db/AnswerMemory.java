package dev.datafn.db;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory every request's answer may hold at once, across the engine: what the {@link AnswerBudget}s of
 * the requests in flight have counted. Each request is bounded by {@code maxAnswerBytes}; this bounds how many
 * such answers are built together, so many concurrent large requests are answered {@code 503} rather than
 * exhausting the heap.
 */
public final class AnswerMemory {

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();

    /** @param maxBytes the most all answers in flight may hold together */
    public AnswerMemory(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("answer memory must be 1 byte or more: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** @return the default: a quarter of the largest heap the JVM may use */
    public static long quarterOfHeap() {
        return Math.max(1, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * @param bytes what an answer is about to hold
     * @return whether it may: the answers in flight stay within the bound
     */
    boolean reserve(long bytes) {
        long after = held.addAndGet(bytes);
        if (after > maxBytes && after - bytes > 0) {
            // Over the bound with other answers in flight: give it back. A lone answer is let through to its
            // own budget, so one request is never refused for its own size here.
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** @param bytes what an answer held, given back */
    void release(long bytes) {
        held.addAndGet(-bytes);
    }
}
