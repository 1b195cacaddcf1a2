package dev.datafn;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests in flight so shutdown can let them finish: once {@linkplain #close() closed}, no new
 * request is admitted, and shutdown waits until the ones admitted before have left.
 *
 * <p>A lock and condition rather than {@code synchronized}: requests run on virtual threads, which must not
 * be pinned to their carrier while they wait.
 */
final class Drain {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    /** What runs when shutdown begins (closing live connections), in the order registered. */
    private final java.util.List<Runnable> closeTasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Admits one request.
     *
     * @throws DataFnException {@code SERVICE_UNAVAILABLE} once shutdown began
     */
    void enter() {
        lock.lock();
        try {
            if (closed) {
                throw unavailable();
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** Lets an admitted request go. */
    void exit() {
        lock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Admits no more requests. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param task runs once shutdown begins
     * @return removes the task
     */
    AutoCloseable atClose(Runnable task) {
        closeTasks.add(java.util.Objects.requireNonNull(task, "task"));
        return () -> closeTasks.remove(task);
    }

    /** Runs the tasks registered with {@link #atClose}; a failing one is logged and the next runs. */
    void runCloseTasks() {
        for (Runnable task : closeTasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger(Drain.class.getName()).log(System.Logger.Level.WARNING,
                        "a shutdown task failed; shutdown goes on", e);
            }
        }
    }

    /** @return whether shutdown began */
    boolean isClosed() {
        return closed;
    }

    /**
     * Waits until no admitted request is left, or the timeout passes.
     *
     * @param timeout how long to wait at most
     * @return whether every request left in time
     */
    boolean awaitIdle(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlight == 0;
        } finally {
            lock.unlock();
        }
    }

    /** @return the number of requests still in flight */
    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** @return the refusal of a request that arrives while the server stops */
    static DataFnException unavailable() {
        return new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "the server is shutting down; retry the request");
    }
}
