package dev.datafn.mutation.write;

import dev.datafn.changelog.ChangeLog;
import dev.datafn.config.Retention;
import dev.datafn.db.DataStore;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryExecutor;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.idempotency.IdempotencyRecordEntity;
import dev.datafn.mutation.idempotency.IdempotencyResultEntity;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs writes in database transactions: one mutation, or many (a transaction's steps), each time as
 * one {@link WriteSession} whose row writes, change records and idempotency records commit together.
 *
 * <p>A retry of an idempotency key whose first execution has not committed yet waits for it (the
 * transaction is run again once the key is free) and then answers the stored result; after
 * {@link #KEY_WAIT_ATTEMPTS} waits it answers CONFLICT, never a second execution.
 */
public final class MutationExecutor {

    /** How often a retry waits for a concurrent first execution of its key before giving up. */
    private static final int KEY_WAIT_ATTEMPTS = 40;

    /** The table of idempotency records the write path owns, for the engine to map. */
    public static final List<Class<?>> ENTITIES = List.of(IdempotencyRecordEntity.class,
            IdempotencyResultEntity.class);

    private final DataStore store;
    private final SequenceStore sequences;
    private final ChangeLog changeLog;
    private final Supplier<Instant> clock;
    private final RecordWriter recordWriter;
    private final RelationWriter relationWriter;
    private final Retention retention;
    private final WriteEvents events;
    private final MutationHooks hooks;
    /** Told of each committed write; shared by every view of this write path. */
    private final CommitListeners commits;

    /**
     * @param schema    the schema
     * @param store     the store
     * @param rows      entity access by resource name
     * @param queries   runs the reads behind {@code if} guards
     * @param sequences issues the serverSeqs
     * @param changeLog the change log
     * @param clock     the server clock
     * @param retention how long idempotency records answer retries
     * @param events    told what the write path does
     */
    public MutationExecutor(Schema schema, DataStore store, Map<String, EntityRows> rows,
            QueryExecutor queries, SequenceStore sequences, ChangeLog changeLog, Supplier<Instant> clock,
            Retention retention, WriteEvents events) {
        this.store = store;
        this.sequences = sequences;
        this.changeLog = changeLog;
        this.clock = clock;
        this.retention = retention;
        this.events = events;
        this.hooks = MutationHooks.NONE;
        this.commits = new CommitListeners();
        StoredRecords records = new StoredRecords(rows, queries);
        this.recordWriter = new RecordWriter(schema, records);
        this.relationWriter = new RelationWriter(records);
    }

    private MutationExecutor(MutationExecutor shared, MutationHooks hooks) {
        this.store = shared.store;
        this.sequences = shared.sequences;
        this.changeLog = shared.changeLog;
        this.clock = shared.clock;
        this.retention = shared.retention;
        this.events = shared.events;
        this.recordWriter = shared.recordWriter;
        this.relationWriter = shared.relationWriter;
        this.hooks = hooks;
        this.commits = shared.commits;
    }

    /** @return who hears of each write this path commits, on every view of it */
    public CommitListeners commitListeners() {
        return commits;
    }

    /**
     * @param hooks told of each mutation before it is written and after its transaction committed
     * @return this write path with the hooks; it shares everything else
     */
    public MutationExecutor withHooks(MutationHooks hooks) {
        return new MutationExecutor(this, java.util.Objects.requireNonNull(hooks, "hooks"));
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param m         the checked mutation
     * @return the result, {@code deduped} when the key was applied before
     */
    public MutationResult execute(Namespace namespace, String actor, PreparedMutation m) {
        return write(namespace, actor, true, writes -> {
            writes.apply(m);
            return writes.finish().get(0);
        });
    }

    /**
     * Runs work in one write transaction. The work must end with {@link WriteSession#finish()}.
     *
     * @param namespace  the namespace
     * @param actor      the actor, or {@code null}
     * @param rerunnable whether the work may run again when an idempotency key it uses is held by a
     *                   concurrent request (true when the work is data, such as a transaction's steps;
     *                   false for application code, which then gets CONFLICT instead)
     * @param work       the work
     * @param <T>        its result type
     * @return its result, after commit
     */
    public <T> T write(Namespace namespace, String actor, boolean rerunnable, Function<WriteSession, T> work) {
        sequences.ensureCounter(namespace);
        // Work that can run again first runs optimistically (inserts without looking first, see
        // WriteSession); when that hits a constraint it runs again carefully, which tells the caller why.
        boolean optimistic = rerunnable;
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(namespace, actor, optimistic, work);
            } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleStateException stale) {
                // A row this transaction read and then wrote was removed by a concurrent one (two writers
                // unlinking the same many-many link): read again and the write finds the link gone.
                if (!rerunnable || attempt >= KEY_WAIT_ATTEMPTS) {
                    throw new DataFnException(ErrorCode.CONFLICT, "a concurrent request changed the same links; "
                            + "retry");
                }
            } catch (OptimisticWriteFailed lookFirst) {
                optimistic = false;
                attempt--;
            } catch (SequenceStore.CounterMissing vanished) {
                if (!rerunnable) {
                    throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "the namespace's sequence counter "
                            + "was missing; retry the transaction");
                }
                sequences.ensureCounter(namespace);
            } catch (ConcurrentWrite first) {
                if (!rerunnable || attempt >= KEY_WAIT_ATTEMPTS) {
                    throw new DataFnException(ErrorCode.CONFLICT, first.conflict());
                }
                pause(attempt);
            }
            events.runningAgain(namespace);
        }
    }

    /**
     * Applies mutations in one transaction, if they all succeed, in the mode that sends their writes in
     * JDBC batches. A batch whose mutations are independent (a mutation array) commits them together this
     * way when nothing goes wrong; when anything does, nothing was applied and the caller applies them one
     * by one, which tells each mutation its own outcome.
     *
     * @return the results, in order; {@code null} when any mutation was refused or must look first
     */
    public List<MutationResult> tryTogether(Namespace namespace, String actor, List<PreparedMutation> batch) {
        sequences.ensureCounter(namespace);
        try {
            return inTransaction(namespace, actor, true, writes -> {
                batch.forEach(writes::apply);
                return writes.finish();
            });
        } catch (OptimisticWriteFailed | ConcurrentWrite | SequenceStore.CounterMissing | DataFnException
                | jakarta.persistence.OptimisticLockException | org.hibernate.StaleStateException notAllAtOnce) {
            return null;
        }
    }

    private <T> T inTransaction(Namespace namespace, String actor, boolean optimistic, Function<WriteSession, T> work) {
        WriteSession[] last = new WriteSession[1];
        T result = store.inTransaction(namespace, session -> {
            last[0] = new WriteSession(session, namespace, actor, recordWriter, relationWriter, sequences, changeLog,
                    retention, clock.get().truncatedTo(ChronoUnit.MICROS), optimistic, hooks);
            return work.apply(last[0]);
        });
        // Only now is every write durable: the listeners and after hooks never see a change that could still
        // roll back.
        if (last[0] != null) {
            if (last[0].logged() != null) {
                commits.committed(last[0].logged());
            }
            hooks.after(last[0].finished());
        }
        return result;
    }

    /**
     * Deletes idempotency records past their retention, in every namespace.
     *
     * @return how many were deleted
     */
    public int pruneIdempotencyRecords() {
        Instant cutoff = retention.idempotencyCutoff(clock.get());
        if (cutoff == null) {
            return 0;
        }
        // Idempotency records carry their namespace as a plain column: one statement prunes them all.
        return store.inMaintenanceTransaction(Namespace.DEFAULT, session -> session
                .createMutationQuery("delete from IdempotencyRecordEntity r where r.createdAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(250, 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while waiting for a retry");
        }
    }
}
