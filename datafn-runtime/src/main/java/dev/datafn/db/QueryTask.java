package dev.datafn.db;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.SharedSessionContract;

/**
 * A query running on its own virtual thread that its caller may cancel. Cancelling stops the database
 * statement (through the JDBC driver's cancel), not only the wait for it.
 */
public final class QueryTask {

    /** How long a cancel waits for the query to stop before cancelling its statement again. */
    private static final long CANCEL_REPEAT_MS = StatementCancel.REPEAT_MS;

    private final CompletableFuture<QueryResult> result = new CompletableFuture<>();
    /** Completes when the query's own thread is done, whatever the caller was told. */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicReference<SharedSessionContract> session = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Creates a task; the engine starts it. */
    public QueryTask() {
    }

    /**
     * Records the session the query runs in, so {@link #cancel()} can reach its statement.
     *
     * @param running the session
     */
    public void running(SharedSessionContract running) {
        session.set(running);
        checkpoint();
    }

    /**
     * Called before each statement: a cancel that arrived while no statement was running stops the
     * query here, since the driver can only cancel a statement in flight.
     *
     * @throws DataFnException {@code DFQL_ABORTED} when the task was cancelled
     */
    public void checkpoint() {
        if (cancelled.get()) {
            throw aborted();
        }
    }

    /** @param value the query's result */
    public void complete(QueryResult value) {
        stopped.complete(null);
        result.complete(value);
    }

    /** @param failure why the query failed */
    public void fail(Throwable failure) {
        stopped.complete(null);
        result.completeExceptionally(cancelled.get() ? aborted() : failure);
    }

    /**
     * Cancels the query: its statement is stopped and {@link #result()} throws {@code DFQL_ABORTED}.
     *
     * <p>A cancel can land between the query's last checkpoint and the start of its statement, when the
     * driver has nothing to cancel yet; so the statement is cancelled again, off the caller's thread,
     * until the query has stopped.
     */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            result.completeExceptionally(aborted());
            SharedSessionContract running = session.get();
            if (running != null && !stopped.isDone()) {
                Thread.ofVirtual().name("datafn-query-cancel").start(() -> cancelUntilStopped(running));
            }
        }
    }

    private void cancelUntilStopped(SharedSessionContract running) {
        while (!stopped.isDone()) {
            try {
                StatementCancel.cancel(running);
            } catch (RuntimeException statementAlreadyGone) {
                // The statement finished or the session closed in between: the query is stopping anyway.
            }
            try {
                stopped.get(CANCEL_REPEAT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // Cancel again: the statement may have started after the last cancel.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException impossible) {
                return;
            }
        }
    }

    /**
     * Waits for the result.
     *
     * @return the page
     * @throws DataFnException the query's failure, or {@code DFQL_ABORTED} when cancelled
     */
    public QueryResult result() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw aborted();
        } catch (CancellationException e) {
            throw aborted();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return whether the caller cancelled the query */
    public boolean isCancelled() {
        return cancelled.get();
    }

    private static DataFnException aborted() {
        return new DataFnException(ErrorCode.DFQL_ABORTED, "the query was cancelled");
    }
}
