package dev.datafn.http;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a request body may take to arrive. Helidon 4.5 has no read timeout of its own on a request in
 * progress (its idle timeout closes only connections between requests), so a client that sends part of a body and
 * stops would hold its connection and its request forever. When the time is up, the reading thread is
 * interrupted: a virtual thread blocked on the socket channel then has the channel closed under it, the read
 * fails, and the request ends as an aborted upload (logged as a client that went away, one line).
 */
final class BodyDeadline {

    /** One timer for every server: it only interrupts, on a platform thread that never blocks. */
    private static final ScheduledExecutorService TIMER = timer();

    private final Duration timeout;

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "datafn-body-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // A body read in time cancels its expiry: gone from the queue at once, not kept for the whole timeout.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** @param timeout the longest a body may take to arrive */
    BodyDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return the deadline of the body the current thread is about to read; close it once the body is read */
    Watch start() {
        return new Watch(Thread.currentThread(), timeout);
    }

    /** The deadline of one body's reading. */
    static final class Watch implements AutoCloseable {
        private final Thread reader;
        private final ScheduledFuture<?> expiry;
        /** Guards {@link #done}, so that an expiry never interrupts the thread after its reading ended. */
        private final Object lock = new Object();
        private boolean done;
        private boolean interrupted;

        private Watch(Thread reader, Duration timeout) {
            this.reader = reader;
            this.expiry = TIMER.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void expire() {
            synchronized (lock) {
                if (!done) {
                    interrupted = true;
                    reader.interrupt();
                }
            }
        }

        /** Ends the deadline; the reading thread carries no interrupt of it afterwards. */
        @Override
        public void close() {
            boolean expired;
            synchronized (lock) {
                done = true;
                expired = interrupted;
            }
            expiry.cancel(false);
            if (expired) {
                // An expiry that landed as the body completed must not fail the request's later blocking calls.
                Thread.interrupted();
            }
        }
    }
}
