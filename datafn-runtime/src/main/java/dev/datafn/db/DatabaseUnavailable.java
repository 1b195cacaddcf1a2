package dev.datafn.db;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognizes a failure caused by the database being out of reach rather than by the request: the pool found no
 * connection within its connection timeout (the server is down, or every connection is busy), or the server
 * ended the connection under the request (a crash, a restart, an administrator's shutdown). Such a request is
 * answered 503 {@code SERVICE_UNAVAILABLE}, to be retried, not 500: its transaction did not commit, or committed
 * and is deduplicated by its idempotency key when retried.
 */
public final class DatabaseUnavailable {

    /** How long a client is told to wait before retrying ({@code Retry-After}, in seconds). */
    public static final long RETRY_AFTER_SECONDS = 1;

    /**
     * SQLStates of a server going away: admin_shutdown (57P01, {@code pg_ctl stop -m fast}), crash_shutdown
     * (57P02), cannot_connect_now (57P03, starting up or recovering). Class 08 (connection exception) is
     * matched as a whole.
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    /**
     * @param failure a failure from the database layer, as Hibernate or the pool wrap it
     * @return whether the database being out of reach caused it
     */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GONE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** @return the refusal a client reads when the database is out of reach */
    public static DataFnException refusal() {
        return new DataFnException(ErrorCode.SERVICE_UNAVAILABLE,
                "the database cannot be reached now; retry the request");
    }
}
