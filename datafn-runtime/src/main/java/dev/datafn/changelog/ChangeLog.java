package dev.datafn.changelog;

import dev.datafn.db.DataStore;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Appends changes to the change log with the namespace's next serverSeqs.
 *
 * <p>The sequence is taken from the namespace's counter row, locked with {@code SELECT ... FOR UPDATE}
 * as the last step of the writing transaction. The lock is held until commit, so a namespace's
 * writers commit in serverSeq order and a rolled-back transaction gives its numbers back: a puller
 * reading up to any seq has seen every change below it. The cost is that writers of one namespace
 * serialize on their last few statements.
 */
public final class ChangeLog {

    private final DataStore store;
    private final Supplier<Instant> clock;

    /**
     * @param store the store, used to create a namespace's counter in its own transaction
     * @param clock the server clock
     */
    public ChangeLog(DataStore store, Supplier<Instant> clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Logs changes in the session's transaction. Call it after the changed rows are written.
     *
     * @param session   the writing transaction's session
     * @param namespace the namespace
     * @param changes   the changes, in order
     * @return the serverSeq of the last change
     */
    public long append(Session session, String namespace, List<Change> changes) {
        session.flush();
        SequenceCounterEntity counter = lockCounter(session, namespace);
        long seq = counter.getLastValue();
        Instant now = clock.get();
        for (Change change : changes) {
            seq++;
            session.persist(new ChangeRecordEntity(namespace, seq, change, now));
        }
        counter.setLastValue(seq);
        session.flush();
        return seq;
    }

    private SequenceCounterEntity lockCounter(Session session, String namespace) {
        SequenceCounterEntity counter = session.find(SequenceCounterEntity.class, namespace,
                LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            throw new NewNamespace();
        }
        return counter;
    }

    /**
     * Creates a namespace's counter in its own committed transaction. Call it after the writing
     * transaction ended with {@link NewNamespace}, never inside one: a transaction waiting for a second
     * pooled connection could wait forever on a small pool.
     *
     * @param namespace the namespace
     */
    public void createCounter(String namespace) {
        try {
            store.inTransaction(namespace, s -> {
                s.persist(new SequenceCounterEntity(namespace));
                s.flush();
                return null;
            });
        } catch (ConstraintViolationException alreadyCreated) {
            // Another writer created it first; the row is what we need either way.
        }
    }

    /**
     * The namespace has no counter yet: its first write. The writing transaction rolls back, the
     * caller creates the counter with {@link #createCounter} and runs the write again.
     */
    public static final class NewNamespace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NewNamespace() {
            super(null, null, false, false);
        }
    }
}
