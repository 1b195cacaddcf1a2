package dev.datafn.mutation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.Retention;
import dev.datafn.changelog.Change;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.json.JsonPaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

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
 * <p>Not thread-safe; one per transaction.
 */
public final class WriteSession {

    private final Session session;
    private final String namespace;
    private final String actor;
    private final RecordWriter recordWriter;
    private final RelationWriter relationWriter;
    private final ChangeLog changeLog;
    private final Retention retention;
    private final Instant now;
    private final List<Change> changes = new ArrayList<>();
    private final List<Applied> applied = new ArrayList<>();
    private final Map<IdempotencyRecordEntity.Key, Applied> keysUsedHere = new HashMap<>();

    WriteSession(Session session, String namespace, String actor, RecordWriter recordWriter,
            RelationWriter relationWriter, ChangeLog changeLog, Retention retention, Instant now) {
        this.session = session;
        this.namespace = namespace;
        this.actor = actor;
        this.recordWriter = recordWriter;
        this.relationWriter = relationWriter;
        this.changeLog = changeLog;
        this.retention = retention;
        this.now = now;
    }

    /** @return the session the writes run in (queries in it see them) */
    public Session session() {
        return session;
    }

    /**
     * Applies a mutation. Its changes are logged, and its serverSeq known, only at {@link #finish()}.
     *
     * @param m the checked mutation
     * @return the result so far: serverSeq 0 until the transaction ends, unless this is a replay
     * @throws DataFnException when the mutation is refused; the transaction must then roll back
     */
    public MutationResult apply(PreparedMutation m) {
        Mutation mutation = m.mutation();
        IdempotencyRecordEntity key = null;
        IdempotencyRecordEntity.Key id = null;
        if (mutation.idempotent()) {
            id = new IdempotencyRecordEntity.Key(namespace, mutation.clientId(),
                    mutation.mutationId());
            Applied earlierHere = keysUsedHere.get(id);
            if (earlierHere != null) {
                requireSameRequest(earlierHere.mutation.requestHash(), m);
                Applied again = earlierHere.replayedAs(m);
                applied.add(again);
                return again.provisional();
            }
            IdempotencyRecordEntity earlier = session.find(IdempotencyRecordEntity.class, id);
            if (earlier != null && retention.idempotencyExpired(earlier.getCreatedAt(), now)) {
                // Past retention the key is forgotten, whether or not the pruner has run yet.
                session.remove(earlier);
                session.flush();
                earlier = null;
            }
            if (earlier != null) {
                requireSameRequest(earlier.getRequestHash(), m);
                Applied replay = Applied.replay(m, MutationResult.replay(earlier.getResult()));
                applied.add(replay);
                return replay.result;
            }
            key = new IdempotencyRecordEntity(id, m.requestHash(), now);
            try {
                session.persist(key);
                session.flush();
            } catch (ConstraintViolationException concurrentFirstExecution) {
                throw new ConcurrentWrite("a mutation with the same clientId and mutationId is still being "
                        + "applied by another request; retry it later");
            }
        }
        int firstChange = changes.size();
        ChangeSink sink = (resource, recordId, operation, data, link) -> changes.add(new Change(resource, recordId,
                operation.wireName(), data, actor, mutation.clientId(), mutation.mutationId(), link));
        ObjectNode after = mutation.operation().onRelation()
                ? relationWriter.write(session, m, now, sink)
                : recordWriter.write(session, m, now, sink);
        List<String> affectedIds = mutation.operation().onRelation() ? List.of(m.id(), mutation.targetId())
                : List.of(m.id());
        Applied done = new Applied(m, key, after, affectedIds, changes.size() - firstChange, null);
        applied.add(done);
        if (key != null) {
            keysUsedHere.put(id, done);
        }
        return done.provisional();
    }

    /**
     * Logs every change with the namespace's next serverSeqs (locking its counter, so this must be the
     * transaction's last work) and stores the results of idempotent mutations.
     *
     * @return the final result of every mutation applied, in order
     */
    public List<MutationResult> finish() {
        long last = changes.isEmpty() ? 0 : changeLog.append(session, namespace, changes);
        long seq = last - changes.size();
        List<MutationResult> results = new ArrayList<>(applied.size());
        for (Applied a : applied) {
            if (a.result != null) {
                results.add(a.result);
                continue;
            }
            seq += a.changeCount;
            MutationResult result = new MutationResult(a.mutation.mutation().mutationId(), a.affectedIds,
                    a.changeCount == 0 ? 0 : seq, false, a.record);
            a.finalResult = result;
            if (a.key != null) {
                a.key.setResult(result.toJson().toString());
            }
            results.add(a.replayOf != null ? a.replayOf.finalResult.asReplay() : result);
        }
        session.flush();
        return results;
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
        final IdempotencyRecordEntity key;
        final ObjectNode record;
        final List<String> affectedIds;
        final int changeCount;
        /** The stored result of a replay from an earlier transaction; {@code null} for a mutation applied here. */
        final MutationResult result;
        /** For a key used twice in this transaction, its first use. */
        Applied replayOf;
        MutationResult finalResult;

        Applied(PreparedMutation mutation, IdempotencyRecordEntity key, ObjectNode record, List<String> affectedIds,
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
                    replayOf != null ? null : record);
        }
    }
}
