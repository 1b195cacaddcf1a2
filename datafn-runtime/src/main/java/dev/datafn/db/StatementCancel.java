package dev.datafn.db;

import java.sql.SQLException;
import org.hibernate.SharedSessionContract;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Stops running statements, and recognizes a statement stopped by a cancel or a statement timeout.
 * PostgreSQL and H2 both report it with SQLState 57014 (query_canceled); Hibernate wraps it in an
 * exception of its own.
 */
public final class StatementCancel {

    private static final String QUERY_CANCELED = "57014";
    /** How long a cancel waits for its sessions to close before cancelling their statements again. */
    static final long REPEAT_MS = 50;

    private StatementCancel() {
    }

    /**
     * @param failure a failure from a query
     * @return whether a cancelled statement caused it
     */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.QueryTimeoutException || t instanceof org.hibernate.QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Cancels the statement a session runs now, if any, as {@code Session.cancelQuery()} does; for stateless
     * sessions too. Only that statement: a cancel sent to the connection instead would reach whatever the
     * connection runs when it arrives, which may already be the next request's statement.
     *
     * @param session the session
     */
    static void cancel(SharedSessionContract session) {
        ((SharedSessionContractImplementor) session).getJdbcCoordinator().cancelLastQuery();
    }

    /**
     * Cancels the running statement of every session still open, again every {@link #REPEAT_MS} ms (a driver
     * can only cancel a statement in flight, and a transaction may start its next one), until none is open
     * or the patience runs out.
     *
     * @param open     the open sessions; their owners remove each as it closes
     * @param patience how long to keep cancelling; {@code null} for as long as any is open
     * @return whether every session closed
     */
    static boolean untilClosed(java.util.Collection<? extends SharedSessionContract> open, java.time.Duration patience) {
        long start = System.nanoTime();
        while (!open.isEmpty() && (patience == null || System.nanoTime() - start < patience.toNanos())) {
            for (SharedSessionContract session : open) {
                try {
                    cancel(session);
                } catch (RuntimeException statementAlreadyGone) {
                    // It finished or closed in between: it is leaving anyway.
                }
            }
            try {
                Thread.sleep(REPEAT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return open.isEmpty();
    }
}
