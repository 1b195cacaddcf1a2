package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.timing.Phases;
import dev.datafn.changelog.Change;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.config.Retention;
import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.idempotency.IdempotencyRecordEntity;
import dev.datafn.mutation.idempotency.IdempotencyResultEntity;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.SequenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;

/**
 * The writes of one database transaction: applies mutations in order, collects their changes, and at
 * the end logs the changes with the namespace's next serverSeqs and stores each idempotent mutation's
 * result under its key. Everything commits together or not at all.
 *
 * <p>Idempotency: a mutation's key (namespace, clientId, mutationId) is inserted before the mutation is
 * applied, so a concurrent request with the same key blocks on it or fails on its primary key (the
 * caller then retries, finds the committed result, and answers {@code deduped: true}). A key used
 * twice within one transaction answers the first use's result.
 *
 * <p>Optimistic mode, for work that can run again: an insert without a guard or links is applied
 * without looking first. Its idempotency key is only persisted and its row only kept, and both reach the
 * database together with the transaction's other such writes in JDBC batches (the rows through a
 * stateless session, since nothing changes them again); a taken id or key then fails the whole
 * transaction with {@link OptimisticWriteFailed}, and it runs again carefully, which finds the key's
 * stored result or names the conflicting write. So a first execution costs no lookups and a batch costs
 * a few round trips, and a retry pays for one rolled-back attempt.
 *
 * <p>The persistence context holds only the records of careful writes, which read before they write.
 * Rows inserted without looking first, idempotency keys, change records and results never enter it: they
 * are written once each through a stateless session on the same connection, one JDBC batch per table, so
 * a batch of 500 inserts costs five statements and no flush dirty-checks 1,500 entities. A key's result,
 * known only once the serverSeqs are taken, is written through {@link IdempotencyResultEntity}, whose
 * update carries the result column alone.
 *
 * <p>Not thread-safe; one per transaction.
 */
public final class WriteSession {

    /** The JDBC batch of a write transaction: a whole batch of mutations ({@code maxBatchSize}, 500) in one. */
    private static final int JDBC_BATCH_SIZE = 500;

    private final Session session;
    private final Namespace namespace;
    private final String actor;
    private final RecordWriter recordWriter;
    private final RelationWriter relationWriter;
    private final SequenceStore sequences;
    private final ChangeLog changeLog;
    private final Retention retention;
    private final Instant now;
    private final boolean optimistic;
    private final MutationHooks hooks;
    /** Each mutation applied with its final result, once {@link #finish()} has run; for the after hooks. */
    private final List<MutationHooks.Committed> finished = new ArrayList<>();
    /** What {@link #finish()} logged, once it has run with changes; {@code null} otherwise. */
    private CommittedWrite logged;
    /** Whether writes applied without looking first have not reached the database yet. */
    private boolean unsettled;
    /** The idempotency keys of inserts applied without looking first, until {@link #settle()} inserts them. */
    private final List<IdempotencyRecordEntity> blindKeys = new ArrayList<>();
    /** The rows of inserts applied without looking first, by entity class, until {@link #settle()} inserts them. */
    private final Map<Class<?>, List<Object>> blindRows = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Applied> applied = new ArrayList<>();
    private final Map<IdempotencyRecordEntity.Key, Applied> keysUsedHere = new HashMap<>();

    WriteSession(Session session, Namespace namespace, String actor, RecordWriter recordWriter,
            RelationWriter relationWriter, SequenceStore sequences, ChangeLog changeLog, Retention retention, Instant now,
            boolean optimistic, MutationHooks hooks) {
        this.session = session;
        this.hooks = hooks;
        this.namespace = namespace;
        this.actor = actor;
        this.recordWriter = recordWriter;
        this.relationWriter = relationWriter;
        this.sequences = sequences;
        this.changeLog = changeLog;
        this.retention = retention;
        this.now = now;
        this.optimistic = optimistic;
        // A batch of mutations sends each kind of statement in one JDBC batch, not in slices of the default.
        session.setJdbcBatchSize(JDBC_BATCH_SIZE);
    }

    /**
     * The session the writes run in, with every write so far sent to the database, so that a query in it
     * sees them.
     *
     * @return the session
     * @throws OptimisticWriteFailed when writes applied without looking first hit a constraint
     */
    public Session session() {
        settle();
        return session;
    }

    /** Sends the writes applied without looking first; a constraint they hit means: run again carefully. */
    private void settle() {
        if (!unsettled) {
            return;
        }
        unsettled = false;
        try {
            session.flush();
            if (!blindKeys.isEmpty() || !blindRows.isEmpty()) {
                // One JDBC batch per table, outside the persistence context: nothing in this transaction changes
                // these rows again (a key's result is written through its own mapping), so no later flush has
                // to dirty-check them. The keys go first, before the serverSeq is reserved: a concurrent request
                // with the same key waits on it (or fails) before it could hold the namespace's counter.
                try (StatelessSession rows = DataStore.statelessBeside(session)) {
                    if (!blindKeys.isEmpty()) {
                        rows.insertMultiple(blindKeys);
                    }
                    blindRows.values().forEach(rows::insertMultiple);
                }
                blindKeys.clear();
                blindRows.clear();
            }
        } catch (ConstraintViolationException | DataException e) {
            throw new OptimisticWriteFailed(e);
        }
    }

    /**
     * Applies a mutation. Its changes are logged, and its serverSeq known, only at {@link #finish()}.
     *
     * @param m the checked mutation
     * @return the result so far: serverSeq 0 until the transaction ends, unless this is a replay
     * @throws DataFnException when the mutation is refused; the transaction must then roll back
     */
    public MutationResult apply(PreparedMutation m) {
        // Before anything of this mutation is written: a refusal rolls the whole transaction back.
        hooks.before(m);
        Mutation mutation = m.mutation();
        boolean blind = optimistic && RecordWriter.canInsertBlind(m);
        if (!blind) {
            settle();
        }
        IdempotencyRecordEntity.Key key = null;
        if (mutation.idempotent()) {
            IdempotencyRecordEntity.Key id = new IdempotencyRecordEntity.Key(namespace.value(), mutation.clientId(),
                    mutation.mutationId());
            Applied earlier = earlierUse(id, m, blind);
            if (earlier != null) {
                applied.add(earlier);
                return earlier.result != null ? earlier.result : earlier.provisional();
            }
            IdempotencyRecordEntity record = new IdempotencyRecordEntity(id, m.requestHash(), now);
            if (blind) {
                // Inserted with the row, when the session settles.
                blindKeys.add(record);
            } else {
                claim(record);
            }
            key = id;
        }
        int firstChange = changes.size();
        ChangeSink sink = (resource, recordId, operation, data, link) -> changes.add(new Change(resource, recordId,
                operation.wireName(), data, actor, mutation.clientId(), mutation.mutationId(), link));
        ObjectNode after;
        if (blind) {
            after = recordWriter.insertBlind(session, m, now, sink,
                    row -> blindRows.computeIfAbsent(row.getClass(), c -> new ArrayList<>()).add(row));
            unsettled = true;
        } else {
            after = mutation.operation().onRelation() ? relationWriter.write(session, m, now, sink)
                    : recordWriter.write(session, m, now, sink);
        }
        List<String> affectedIds = mutation.operation().onRelation() ? List.of(m.id(), mutation.targetId())
                : List.of(m.id());
        Applied done = new Applied(m, key, after, affectedIds, changes.size() - firstChange, null);
        applied.add(done);
        if (key != null) {
            keysUsedHere.put(key, done);
        }
        return done.provisional();
    }

    /**
     * @param blind whether to skip the database lookup (optimistic mode: a stored key fails the insert)
     * @return the replay of the key's earlier use, in this transaction or a committed one; {@code null}
     *         when the key is unused (or past retention, and so forgotten)
     */
    private Applied earlierUse(IdempotencyRecordEntity.Key id, PreparedMutation m, boolean blind) {
        Applied earlierHere = keysUsedHere.get(id);
        if (earlierHere != null) {
            requireSameRequest(earlierHere.mutation.requestHash(), m);
            return earlierHere.replayedAs(m);
        }
        if (blind) {
            return null;
        }
        IdempotencyRecordEntity stored = session.find(IdempotencyRecordEntity.class, id);
        if (stored != null && retention.idempotencyExpired(stored.getCreatedAt(), now)) {
            // Past retention the key is forgotten, whether or not the pruner has run yet.
            session.remove(stored);
            session.flush();
            return null;
        }
        if (stored == null) {
            return null;
        }
        requireSameRequest(stored.getRequestHash(), m);
        return Applied.replay(m, MutationResult.replay(stored.getResult()));
    }

    /** Inserts a key found unused; a concurrent request inserting it first makes this one wait or retry. */
    private void claim(IdempotencyRecordEntity key) {
        try {
            session.persist(key);
            session.flush();
            // Its result is written through its own mapping; the session need not watch it for changes.
            session.detach(key);
        } catch (ConstraintViolationException concurrentFirstExecution) {
            throw new ConcurrentWrite("a mutation with the same clientId and mutationId is still being "
                    + "applied by another request; retry it later");
        }
    }

    /**
     * Logs every change with the namespace's next serverSeqs (reserved from the sequence store, so this
     * must be the transaction's last work) and stores the results of idempotent mutations. The change
     * records go in one JDBC batch, then the results (their column alone) in another.
     *
     * <p>The session holds no entity afterwards: the commit has nothing left to flush or dirty-check.
     *
     * @return the final result of every mutation applied, in order
     * @throws OptimisticWriteFailed when a write applied without looking first hits a constraint
     */
    public List<MutationResult> finish() {
        settle();
        long last = 0;
        if (!changes.isEmpty()) {
            long start = Phases.mark();
            last = sequences.reserve(session, namespace, changes.size());
            Phases.add("sequence", start);
            try {
                changeLog.append(session, namespace, last, changes);
            } catch (ConstraintViolationException | DataException e) {
                if (optimistic) {
                    // A seq already logged (a counter behind the log) is worth one careful attempt too.
                    throw new OptimisticWriteFailed(e);
                }
                throw e;
            }
            java.util.Set<String> resources = new java.util.TreeSet<>();
            for (Change change : changes) {
                resources.add(change.resource());
            }
            logged = new CommittedWrite(namespace, last, resources);
        }
        long seq = last - changes.size();
        List<MutationResult> results = new ArrayList<>(applied.size());
        List<IdempotencyResultEntity> stored = new ArrayList<>();
        for (Applied a : applied) {
            if (a.result != null) {
                results.add(a.result);
                continue;
            }
            seq += a.changeCount;
            MutationResult result = new MutationResult(a.mutation.mutation().mutationId(), a.affectedIds,
                    a.changeCount == 0 ? 0 : seq, false, a.visibleRecord());
            a.finalResult = result;
            if (a.key != null) {
                stored.add(new IdempotencyResultEntity(a.key, result.toJson().toString()));
            }
            results.add(a.replayOf != null ? a.replayOf.finalResult.asReplay() : result);
        }
        finished.clear();
        for (int i = 0; i < applied.size(); i++) {
            finished.add(new MutationHooks.Committed(applied.get(i).mutation, results.get(i)));
        }
        session.flush();
        if (!stored.isEmpty()) {
            try (StatelessSession keys = DataStore.statelessBeside(session)) {
                keys.updateMultiple(stored);
            }
        }
        session.clear();
        return results;
    }

    /** @return what {@link #finish()} logged, for the commit listeners; {@code null} when nothing changed */
    CommittedWrite logged() {
        return logged;
    }

    /** @return each mutation applied with its final result, once {@link #finish()} has run */
    List<MutationHooks.Committed> finished() {
        return List.copyOf(finished);
    }

    private static void requireSameRequest(String storedHash, PreparedMutation m) {
        if (!storedHash.equals(m.requestHash())) {
            throw new DataFnException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "mutationId '" + m.mutation().mutationId()
                    + "' of client '" + m.mutation().clientId() + "' was already used for a different mutation; "
                    + "use a new mutationId for a new change", JsonPaths.child(m.mutation().path(), "mutationId"));
        }
    }

    /** One mutation applied (or replayed) in this transaction. */
    private static final class Applied {
        final PreparedMutation mutation;
        /** The idempotency key to store the result under; {@code null} for a mutation without one. */
        final IdempotencyRecordEntity.Key key;
        final ObjectNode record;
        final List<String> affectedIds;
        final int changeCount;
        /** The stored result of a replay from an earlier transaction; {@code null} for a mutation applied here. */
        final MutationResult result;
        /** For a key used twice in this transaction, its first use. */
        Applied replayOf;
        MutationResult finalResult;

        Applied(PreparedMutation mutation, IdempotencyRecordEntity.Key key, ObjectNode record, List<String> affectedIds,
                int changeCount, MutationResult result) {
            this.mutation = mutation;
            this.key = key;
            this.record = record;
            this.affectedIds = affectedIds;
            this.changeCount = changeCount;
            this.result = result;
        }

        static Applied replay(PreparedMutation m, MutationResult stored) {
            return new Applied(m, null, null, stored.affectedIds(), 0, stored);
        }

        Applied replayedAs(PreparedMutation m) {
            Applied again = new Applied(m, null, null, affectedIds, 0, null);
            again.replayOf = this;
            return again;
        }

        MutationResult provisional() {
            return new MutationResult(mutation.mutation().mutationId(), affectedIds, 0, replayOf != null,
                    replayOf != null ? null : visibleRecord());
        }

        /** The record as the caller may see it: without the fields it may not read. */
        ObjectNode visibleRecord() {
            if (record == null || mutation.access().isUnrestricted()) {
                return record;
            }
            return mutation.access().redact(mutation.resource(), record.deepCopy());
        }
    }
}
