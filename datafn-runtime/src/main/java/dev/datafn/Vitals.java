package dev.datafn;

import dev.datafn.db.DataStore;
import dev.datafn.db.PoolStats;
import dev.datafn.sequence.CountedSequenceStore;
import java.time.Duration;

/**
 * What an operator watches of a running engine: whether its database answers, its connection pool, the
 * size of its change log and idempotency tables, and its sequence-store lag. Each reading is taken when
 * asked; the table sizes cost a query, so callers that poll cache them (the observe module does).
 */
public final class Vitals {

    /** The change log's table. */
    static final String CHANGES_TABLE = "datafn_changes";
    /** The idempotency records' table. */
    static final String IDEMPOTENCY_TABLE = "datafn_idempotency";

    private final DataStore store;
    private final CountedSequenceStore sequences;

    Vitals(DataStore store, CountedSequenceStore sequences) {
        this.store = store;
        this.sequences = sequences;
    }

    /**
     * @param wait how long the check may take
     * @return whether the database gives a working connection within {@code wait}; false once closed
     */
    public boolean databaseReachable(Duration wait) {
        return store.reachable(wait);
    }

    /** @return the connection pool's counts now */
    public PoolStats pool() {
        return store.poolStats();
    }

    /** @return rows in the change log (an estimate on PostgreSQL, exact on H2) */
    public long changeLogRows() {
        return store.tableRows(CHANGES_TABLE);
    }

    /** @return rows in the idempotency table (an estimate on PostgreSQL, exact on H2) */
    public long idempotencyRows() {
        return store.tableRows(IDEMPOTENCY_TABLE);
    }

    /** @return serverSeqs this process reserved since it started */
    public long sequencesIssued() {
        return sequences.issued();
    }

    /** @return serverSeqs this process reserved whose transaction has ended */
    public long sequencesSettled() {
        return sequences.settledCount();
    }

    /** @return serverSeqs reserved by this process whose transaction is still open */
    public long sequenceLag() {
        return sequences.lag();
    }
}
