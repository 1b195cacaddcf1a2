package dev.datafn.sequence;

import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import jakarta.persistence.LockModeType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.Session;

/**
 * A primary store (Redis, KV) with the database as the fallback: seed 001's "Redis → DB" chain. While
 * the primary answers, it issues every seq. When it fails, the chain moves to the database for good
 * (until restart), but only after a quarantine: a reservation the primary made before failing may still
 * commit while its lease covers the commit (see {@link RedisSequenceStore}), and a database seq issued
 * meanwhile could be pulled before it, so that pull would skip it. During the quarantine writes answer
 * {@code SERVICE_UNAVAILABLE} (retry later) and pull delivers nothing new. After it, the database
 * counter is raised above every seq the change log holds, under its row lock, and the database store
 * takes over.
 *
 * <p>The chain assumes the primary fails for every server at once (it is down), not that it is cut off
 * from some servers only: servers that still reach it would go on issuing its seqs next to the
 * database's. Restart every server on the database, or all on the primary, after an outage.
 */
public final class ChainedSequenceStore implements SequenceStore {

    private static final Logger LOG = System.getLogger(ChainedSequenceStore.class.getName());

    /** As long as a reservation renewed just before the primary failed may still take to commit. */
    public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(35);

    private final SequenceStore primary;
    private final DatabaseSequenceStore fallback;
    private final DataStore store;
    private final ChangeLogFloor floor;
    private final Duration quarantine;
    private final Clock clock;
    /** When the primary failed, or {@code null} while it serves. */
    private volatile Instant primaryFailedAt;
    private final EnsuredCounters raised = new EnsuredCounters();

    /**
     * @param store      the application's database, the fallback
     * @param primary    the store used while it answers
     * @param quarantine how long after the primary fails before the database issues seqs; at least the
     *                   primary's commit lease
     * @param clock      the clock the quarantine is measured with
     */
    public ChainedSequenceStore(DataStore store, SequenceStore primary, Duration quarantine, Clock clock) {
        this.store = store;
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = new DatabaseSequenceStore(store);
        this.floor = new ChangeLogFloor(store);
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** @param store the application's database @param primary the store used while it answers */
    public ChainedSequenceStore(DataStore store, SequenceStore primary) {
        this(store, primary, DEFAULT_QUARANTINE, Clock.systemUTC());
    }

    /** @return whether the primary failed and the database issues seqs (or will after the quarantine) */
    public boolean failedOver() {
        return primaryFailedAt != null;
    }

    @Override
    public void ensureCounter(Namespace namespace) {
        if (primaryFailedAt == null) {
            try {
                primary.ensureCounter(namespace);
                return;
            } catch (CounterMissing e) {
                throw e;
            } catch (RuntimeException unavailable) {
                primaryFailed(unavailable);
            }
        }
        requireQuarantineOver();
        if (!raised.contains(namespace)) {
            fallback.ensureCounter(namespace);
            raiseCounter(namespace);
            raised.add(namespace);
        }
    }

    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        if (primaryFailedAt == null) {
            try {
                return primary.reserve(session, namespace, count);
            } catch (CounterMissing e) {
                throw e;
            } catch (RuntimeException unavailable) {
                primaryFailed(unavailable);
            }
        }
        requireQuarantineOver();
        if (!raised.contains(namespace)) {
            // No counter on the database yet: ensure it outside this transaction, then run again.
            throw new CounterMissing();
        }
        return fallback.reserve(session, namespace, count);
    }

    @Override
    public long settled(Session session, Namespace namespace) {
        if (primaryFailedAt == null) {
            try {
                return primary.settled(session, namespace);
            } catch (RuntimeException unavailable) {
                primaryFailed(unavailable);
            }
        }
        if (!quarantineOver() || !raised.contains(namespace)) {
            // Reservations of the primary may still commit: nothing can be called settled yet.
            return 0;
        }
        return fallback.settled(session, namespace);
    }

    private void primaryFailed(RuntimeException cause) {
        synchronized (this) {
            if (primaryFailedAt == null) {
                primaryFailedAt = clock.instant();
                LOG.log(Level.ERROR, "the primary sequence store failed; the database takes over after "
                        + quarantine.toSeconds() + " s", cause);
            }
        }
    }

    private boolean quarantineOver() {
        Instant failed = primaryFailedAt;
        return failed != null && !clock.instant().isBefore(failed.plus(quarantine));
    }

    private void requireQuarantineOver() {
        if (!quarantineOver()) {
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "the sequence store is failing over to the "
                    + "database; retry in a few seconds");
        }
    }

    /** Raises the database counter above every seq the log holds, holding its row so no writer passes. */
    private void raiseCounter(Namespace namespace) {
        long highest = floor.highestSeq(namespace);
        store.inTransaction(namespace, s -> {
            SequenceCounterEntity counter = s.find(SequenceCounterEntity.class, namespace.value(), LockModeType.PESSIMISTIC_WRITE);
            if (counter != null && counter.getLastValue() < highest) {
                counter.setLastValue(highest);
            }
            return null;
        });
    }
}
