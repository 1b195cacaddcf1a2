package dev.datafn.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * The caller went away: its upload ended before the body did, or the connection broke while its answer
 * was written. A client fault, logged as one access line without a stack trace.
 */
final class ClientGone extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param cause how the connection failed */
    ClientGone(Throwable cause) {
        super("the caller went away", cause, false, false);
    }

    /**
     * Tells a broken connection from a server fault while an answer is streamed: a failure caused by the
     * connection (an I/O error, Helidon closing it, data that stopped arriving) and by nothing the database
     * said.
     *
     * @param failure what failed while streaming
     * @return whether the caller hung up
     */
    static boolean hungUp(Throwable failure) {
        boolean connection = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof org.hibernate.HibernateException) {
                return false;
            }
            connection |= t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof CloseConnectionException || t instanceof DataReader.InsufficientDataAvailableException;
        }
        return connection;
    }
}
