package dev.datafn.sequence;

import dev.datafn.db.DataStore;
import dev.datafn.schema.Namespace;
import jakarta.persistence.LockModeType;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The default store: a counter row per namespace in the application's database ({@code datafn_sequences}).
 *
 * <p>A write takes its seqs by updating the row ({@code UPDATE ... RETURNING}, or {@code SELECT ... FOR
 * UPDATE} and {@code UPDATE}) as the last step of its transaction. The row stays locked until commit, so
 * a namespace's writers commit in serverSeq order and a rolled-back transaction gives its numbers back:
 * the committed seqs are always 1..n, and the counter's committed value is settled. The cost is that a
 * namespace's writers serialize on their last few statements.
 */
public final class DatabaseSequenceStore implements SequenceStore {

    /** The table of counters, which the engine maps whichever store it uses (other stores fall back to it). */
    public static final List<Class<?>> ENTITIES = List.of(SequenceCounterEntity.class);

    private final DataStore store;
    private final EnsuredCounters knownCounters = new EnsuredCounters();
    /** The dialect's counter statement, found on first use; empty when the dialect has none. */
    private volatile String advanceStatement;

    /** @param store the application's database */
    public DatabaseSequenceStore(DataStore store) {
        this.store = store;
    }

    /**
     * Makes sure the namespace has a counter row, in its own committed transaction: the namespace's
     * first write then needs no second attempt, and never waits for a second pooled connection.
     */
    @Override
    public void ensureCounter(Namespace namespace) {
        if (knownCounters.contains(namespace)) {
            return;
        }
        boolean exists = store.inTransaction(namespace, s -> s.find(SequenceCounterEntity.class, namespace.value()) != null);
        if (!exists) {
            try {
                store.inTransaction(namespace, s -> {
                    s.persist(new SequenceCounterEntity(namespace.value()));
                    s.flush();
                    return null;
                });
            } catch (ConstraintViolationException alreadyCreated) {
                // Another writer created it first; the row is what we need either way.
            }
        }
        knownCounters.add(namespace);
    }

    /**
     * Adds {@code count} to the namespace's counter, locking its row until commit. Where the database can,
     * this is one statement ({@code UPDATE ... RETURNING}), so the namespace's writers hold the lock one
     * round trip less than with {@code SELECT ... FOR UPDATE} and a separate {@code UPDATE}.
     */
    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        String sql = advanceStatement(session);
        if (sql == null) {
            SequenceCounterEntity counter = session.find(SequenceCounterEntity.class, namespace.value(),
                    LockModeType.PESSIMISTIC_WRITE);
            if (counter == null) {
                throw vanished(namespace);
            }
            counter.setLastValue(counter.getLastValue() + count);
            return counter.getLastValue();
        }
        List<Long> value = session.createNativeQuery(sql, Long.class)
                .setParameter("count", count)
                .setParameter("namespace", namespace.value())
                .getResultList();
        if (value.isEmpty()) {
            throw vanished(namespace);
        }
        return value.get(0);
    }

    /** The counter's committed value: its writers hold the row until they commit, so nothing below is in flight. */
    @Override
    public long settled(Session session, Namespace namespace) {
        Long last = session.createSelectionQuery("select c.lastValue from SequenceCounterEntity c "
                + "where c.namespace = :namespace", Long.class)
                .setParameter("namespace", namespace.value())
                .getSingleResultOrNull();
        return last == null ? 0 : last;
    }

    /** The counter commits with the changes, so a snapshot's counter value is exactly its changes. */
    @Override
    public boolean settledMatchesSnapshot() {
        return true;
    }

    /** The counter row stays locked until its writer commits, so a committed seq has nothing in flight below it. */
    @Override
    public boolean settledAtCommit() {
        return true;
    }

    private CounterMissing vanished(Namespace namespace) {
        knownCounters.remove(namespace);
        return new CounterMissing();
    }

    /** @return the dialect's one-statement counter update, or {@code null} to lock and update in two */
    private String advanceStatement(Session session) {
        String statement = advanceStatement;
        if (statement == null) {
            Dialect dialect = session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect();
            if (dialect instanceof PostgreSQLDialect) {
                statement = "update datafn_sequences set last_value = last_value + :count "
                        + "where namespace = :namespace returning last_value";
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
}
