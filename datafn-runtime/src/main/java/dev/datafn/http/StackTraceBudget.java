package dev.datafn.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * How many stack traces the fault log may write: the first {@code perWindow} in each window (by default
 * 10 a minute), none after that until the window ends. A server fault that repeats on every request (a
 * database gone, a bug on a hot path) then costs one short line per request, not a screen of frames, and
 * the next trace written says how many were left out before it.
 *
 * <p>A lock rather than {@code synchronized}: requests run on virtual threads, which must not be pinned.
 */
final class StackTraceBudget {

    /** The traces written per window by default. */
    static final int DEFAULT_PER_WINDOW = 10;
    /** The window, by default a minute. */
    static final long DEFAULT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private long windowStart;
    private int written;
    private long leftOut;

    /** A budget of 10 traces a minute on the JVM's clock. */
    StackTraceBudget() {
        this(DEFAULT_PER_WINDOW, DEFAULT_WINDOW_NANOS, System::nanoTime);
    }

    /**
     * @param perWindow   traces written per window
     * @param windowNanos the window's length
     * @param clock       reads the time in nanoseconds (a fake one in tests)
     */
    StackTraceBudget(int perWindow, long windowNanos, LongSupplier clock) {
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * Asks to write one trace.
     *
     * @return -1 when this trace must be left out; otherwise how many traces were left out since the last
     *     one written (usually 0)
     */
    long take() {
        lock.lock();
        try {
            long now = clock.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                written = 0;
            }
            if (written >= perWindow) {
                leftOut++;
                return -1;
            }
            written++;
            long before = leftOut;
            leftOut = 0;
            return before;
        } finally {
            lock.unlock();
        }
    }
}
