package dev.datafn.db.hibernate;

import java.time.Duration;
import org.hibernate.query.SelectionQuery;

/**
 * What every statement of one query execution goes through before it runs: the caller's cancel
 * checkpoint, and the statement timeout the JDBC driver enforces on the database.
 *
 * @param timeout    the longest a statement may run, or {@code null} for no limit
 * @param checkpoint throws when the caller cancelled the query
 */
record Statements(Duration timeout, Runnable checkpoint) {

    /** @param query a statement about to run @param <T> its row type @return it, with the timeout set, once the checkpoint passed */
    <T> SelectionQuery<T> guard(SelectionQuery<T> query) {
        checkpoint.run();
        if (timeout != null) {
            query.setTimeout((int) Math.max(1, Math.ceilDiv(timeout.toMillis(), 1000)));
        }
        return query;
    }
}
