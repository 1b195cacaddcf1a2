package dev.datafn.db;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.hibernate.SharedSessionContract;

/**
 * The reads of one piece of work, stopped together: once {@link #cancel()} is called, every read-only
 * transaction the work has open has its statement cancelled (through the JDBC driver, as
 * {@link QueryTask#cancel()} does) and no new one starts, so their connections go back to the pool. The
 * work is bound to the thread that {@linkplain #run runs} it and to the threads that thread starts (a
 * query batch runs its queries on threads of their own). Write transactions are never touched: a write
 * runs to its end rather than stopping half-way.
 */
public final class ReadCancellation {

    // Inheritable: the threads a batch starts for its queries belong to the same work.
    private static final InheritableThreadLocal<ReadCancellation> CURRENT = new InheritableThreadLocal<>();

    private final Set<SharedSessionContract> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Set once the work returned: a thread started by it that lives on no longer belongs to it. */
    private volatile boolean ended;

    /** Creates a group with no reads yet. */
    public ReadCancellation() {
    }

    /**
     * Runs work whose read-only transactions belong to this group; run it once.
     *
     * @param work the work
     * @param <T>  its result type
     * @return its result
     */
    public <T> T run(Supplier<T> work) {
        ReadCancellation outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            ended = true;
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** @return the group the current thread's reads belong to, or {@code null} when none */
    static ReadCancellation current() {
        ReadCancellation group = CURRENT.get();
        // A long-lived thread the work happened to start (a pool's) inherited the group; its later reads
        // are not the work's, and must not fail because the work was cancelled.
        return group == null || group.ended ? null : group;
    }

    /**
     * Stops the reads: the statements of the open read-only transactions are cancelled, again and again
     * off the caller's thread until each transaction has ended (a cancel only reaches a statement in
     * flight), and a read-only transaction that starts later fails at once with {@code DFQL_ABORTED}.
     * Calling it again does nothing.
     */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            Thread.ofVirtual().name("datafn-read-cancel").start(this::cancelUntilClosed);
        }
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Counts a read-only transaction in, just opened; fails when the group is already cancelled.
     *
     * @param session the transaction's session
     * @throws DataFnException {@code DFQL_ABORTED} when the group was cancelled
     */
    void opened(SharedSessionContract session) {
        // Added before the check: a cancel that lands in between still finds the session and cancels it.
        open.add(session);
        if (cancelled.get()) {
            open.remove(session);
            throw new DataFnException(ErrorCode.DFQL_ABORTED, "the query was cancelled");
        }
    }

    /** @param session a session {@link #opened} before, whose transaction has ended */
    void closed(SharedSessionContract session) {
        open.remove(session);
    }

    private void cancelUntilClosed() {
        // Sessions opened after the cancel fail in opened(), so once none is open none will be.
        StatementCancel.untilClosed(open, null);
    }
}
