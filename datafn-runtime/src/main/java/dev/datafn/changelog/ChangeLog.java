package dev.datafn.changelog;

import dev.datafn.sequence.SequenceStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Appends changes to the change log with the namespace's next serverSeqs, taken from the
 * {@link SequenceStore} as the writing transaction's last work (see the store for why that keeps pull
 * from skipping a change).
 */
public final class ChangeLog {

    private final SequenceStore sequences;
    private final Supplier<Instant> clock;

    /**
     * @param sequences issues the serverSeqs
     * @param clock     the server clock
     */
    public ChangeLog(SequenceStore sequences, Supplier<Instant> clock) {
        this.sequences = sequences;
        this.clock = clock;
    }

    /** @return the store that issues the serverSeqs */
    public SequenceStore sequences() {
        return sequences;
    }

    /**
     * Logs changes in the session's transaction: reserves their seqs and persists their records, which
     * reach the database with the session's next flush. Call it after the changed rows are written
     * (flushed), as the transaction's last work.
     *
     * @param session   the writing transaction's session
     * @param namespace the namespace
     * @param changes   the changes, in order
     * @return the serverSeq of the last change
     */
    public long append(Session session, String namespace, List<Change> changes) {
        long last = sequences.reserve(session, namespace, changes.size());
        long seq = last - changes.size();
        Instant now = clock.get();
        for (Change change : changes) {
            seq++;
            session.persist(new ChangeRecordEntity(namespace, seq, change, now));
        }
        return last;
    }

    /**
     * @param session   a session
     * @param namespace the namespace
     * @param resource  the resource
     * @param recordId  the record id
     * @return the serverSeq of the record's latest logged change, 0 when it has none
     */
    public long latestSeq(Session session, String namespace, String resource, String recordId) {
        Long seq = session.createSelectionQuery("select max(c.serverSeq) from ChangeRecordEntity c "
                + "where c.namespace = :namespace and c.resource = :resource and c.recordId = :recordId", Long.class)
                .setParameter("namespace", namespace)
                .setParameter("resource", resource)
                .setParameter("recordId", recordId)
                .getSingleResult();
        return seq == null ? 0 : seq;
    }
}
