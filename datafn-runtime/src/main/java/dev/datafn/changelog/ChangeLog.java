package dev.datafn.changelog;

import dev.datafn.db.DataStore;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Appends changes to the change log with the namespace's next serverSeqs.
 *
 * <p>The sequence is taken from the namespace's counter row, locked by updating it
 * ({@code UPDATE ... RETURNING}, or {@code SELECT ... FOR UPDATE} and {@code UPDATE}) as the last step of
 * the writing transaction. The lock is held until commit, so a namespace's
 * writers commit in serverSeq order and a rolled-back transaction gives its numbers back: a puller
 * reading up to any seq has seen every change below it. The cost is that writers of one namespace
 * serialize on their last few statements.
 */
public final class ChangeLog {

    /** Namespaces seen to have a counter; bounded, since a deployment may have a namespace per user. */
    private static final int KNOWN_COUNTERS_BOUND = 100_000;

    private final DataStore store;
    private final Supplier<Instant> clock;
    private final Set<String> knownCounters = ConcurrentHashMap.newKeySet();
    /** The dialect's counter statement, found on first use; empty when the dialect has none. */
    private volatile String advanceStatement;

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
        long last = advanceCounter(session, namespace, changes.size());
        long seq = last - changes.size();
        Instant now = clock.get();
        for (Change change : changes) {
            seq++;
            session.persist(new ChangeRecordEntity(namespace, seq, change, now));
        }
        session.flush();
        return last;
    }

    /**
     * Adds {@code count} to the namespace's counter, locking its row until commit, and answers the new
     * value. Where the database can, this is one statement ({@code UPDATE ... RETURNING}), so the
     * namespace's writers hold the lock one round trip less than with {@code SELECT ... FOR UPDATE}
     * and a separate {@code UPDATE}.
     */
    private long advanceCounter(Session session, String namespace, int count) {
        String sql = advanceStatement(session);
        if (sql == null) {
            SequenceCounterEntity counter = lockCounter(session, namespace);
            counter.setLastValue(counter.getLastValue() + count);
            return counter.getLastValue();
        }
        List<Long> value = session.createNativeQuery(sql, Long.class)
                .setParameter("count", count)
                .setParameter("namespace", namespace)
                .getResultList();
        if (value.isEmpty()) {
            throw new NewNamespace();
        }
        return value.get(0);
    }

    /** @return the dialect's one-statement counter update, or {@code null} to lock and update in two */
    private String advanceStatement(Session session) {
        String statement = advanceStatement;
        if (statement == null) {
            Dialect dialect = session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect();
            if (dialect instanceof PostgreSQLDialect) {
                statement = "update datafn_sequences set last_value = last_value + :count where namespace = :namespace "
                        + "returning last_value";
            } else if (dialect instanceof H2Dialect) {
                statement = "select last_value from final table (update datafn_sequences "
                        + "set last_value = last_value + :count where namespace = :namespace)";
            } else {
                statement = "";
            }
            advanceStatement = statement;
        }
        return statement.isEmpty() ? null : statement;
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

    private SequenceCounterEntity lockCounter(Session session, String namespace) {
        SequenceCounterEntity counter = session.find(SequenceCounterEntity.class, namespace,
                LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            throw new NewNamespace();
        }
        return counter;
    }

    /**
     * Makes sure the namespace has a counter, before a writing transaction starts: its first write then
     * needs no second attempt. Call it outside any transaction.
     *
     * @param namespace the namespace
     */
    public void ensureCounter(String namespace) {
        if (knownCounters.contains(namespace)) {
            return;
        }
        boolean exists = store.inTransaction(namespace, s -> s.find(SequenceCounterEntity.class, namespace) != null);
        if (!exists) {
            createCounter(namespace);
        }
        if (knownCounters.size() >= KNOWN_COUNTERS_BOUND) {
            knownCounters.clear();
        }
        knownCounters.add(namespace);
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
