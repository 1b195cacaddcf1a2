package dev.datafn.db;

import java.sql.SQLException;

/**
 * Recognizes a database statement stopped by a cancel or a statement timeout. PostgreSQL and H2 both
 * report it with SQLState 57014 (query_canceled); Hibernate wraps it in an exception of its own.
 */
public final class StatementCancel {

    private static final String QUERY_CANCELED = "57014";

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
}
