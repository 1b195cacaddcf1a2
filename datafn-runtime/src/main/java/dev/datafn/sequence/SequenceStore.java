package dev.datafn.sequence;

import dev.datafn.schema.Namespace;
import org.hibernate.Session;

/**
 * Issues each namespace's serverSeqs, and tells sync how far the change log may be read.
 *
 * <p><b>The guarantee every store keeps:</b> pull never skips a committed change and never delivers one
 * twice. A seq is reserved inside the writing transaction, as its last work, and a transaction holding
 * a lower seq may commit after one holding a higher seq. So {@link #settled} answers the highest seq
 * below which no reservation is still in flight: every change at or below it has committed, or never
 * will. Pull reads only up to it.
 *
 * <p>Implementations: {@link DatabaseSequenceStore} (the default: the counter row is locked until commit,
 * so nothing is ever in flight below a committed seq), {@link RedisSequenceStore}, {@link KVSequenceStore}
 * and {@link ChainedSequenceStore}. Chosen with {@code DataFn.builder().sequenceStore(...)} or the
 * {@code dbMapping(serverseq)} setting.
 */
public interface SequenceStore {

    /**
     * Makes the namespace ready for a write, before its transaction starts and outside any transaction.
     * Cheap after the first call for a namespace.
     *
     * @param namespace the namespace
     */
    void ensureCounter(Namespace namespace);

    /**
     * Reserves {@code count} consecutive seqs for the session's transaction. Called as the transaction's
     * last work before commit; the reservation ends when the transaction commits or rolls back.
     *
     * @param session   the writing transaction's session
     * @param namespace the namespace
     * @param count     how many seqs, at least 1
     * @return the last seq reserved; the first is {@code last - count + 1}
     * @throws CounterMissing when the namespace's counter vanished since {@link #ensureCounter}: the transaction
     *     rolls back, the caller calls {@link #ensureCounter} again and reruns it
     */
    long reserve(Session session, Namespace namespace, int count);

    /**
     * @param session a session of the reading transaction
     * @param namespace the namespace
     * @return the highest seq at or below which every reserved seq has committed or rolled back; 0 before
     *     the first write
     */
    long settled(Session session, Namespace namespace);

    /**
     * Whether {@link #settled}, read in a snapshot transaction, describes that snapshot exactly: the
     * snapshot holds every change up to it and none above. True when the counter lives in the same
     * database and commits with the changes; a clone then needs no check for rows changed after it.
     *
     * @return false unless the store keeps its counters in the application's database
     */
    default boolean settledMatchesSnapshot() {
        return false;
    }

    /**
     * Whether a write's last seq is settled the moment the write commits: the store keeps the namespace's
     * other writers waiting until then, so no lower seq can still be in flight. Whoever hears of a commit
     * (live cursors) then knows the seq a pull reaches without reading {@link #settled}.
     *
     * @return false unless a namespace's reservations are held one at a time until commit
     */
    default boolean settledAtCommit() {
        return false;
    }

    /** The namespace's counter is missing; ensure it again and run the transaction again. */
    final class CounterMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the signal. */
        public CounterMissing() {
            super(null, null, false, false);
        }
    }
}
