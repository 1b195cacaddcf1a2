package dev.datafn.mutation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.changelog.Change;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.DataStore;
import dev.datafn.execute.hibernate.EntityRows;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.internal.RowKey;
import dev.datafn.json.JsonPaths;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Applies one mutation in one transaction: the idempotency record, the row write, the change record
 * with the namespace's next serverSeq, all committed together or not at all.
 *
 * <p>Idempotency: the key (namespace, clientId, mutationId) is inserted first, so a concurrent retry of
 * the same key blocks on it or fails on its primary key; either way it then reads the committed
 * first result and answers {@code deduped: true} without executing again.
 */
public final class MutationExecutor {

    /** How often a retry waits for a concurrent first execution of its key before giving up. */
    private static final int KEY_WAIT_ATTEMPTS = 40;

    private final DataStore store;
    private final Map<String, EntityRows> rows;
    private final ChangeLog changeLog;
    private final Supplier<Instant> clock;

    /**
     * @param store     the store
     * @param rows      entity access by resource name
     * @param changeLog the change log
     * @param clock     the server clock
     */
    public MutationExecutor(DataStore store, Map<String, EntityRows> rows, ChangeLog changeLog,
            Supplier<Instant> clock) {
        this.store = store;
        this.rows = rows;
        this.changeLog = changeLog;
        this.clock = clock;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param m         the checked mutation
     * @return the result, {@code deduped} when the key was applied before
     */
    public MutationResult execute(String namespace, String actor, PreparedMutation m) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.inTransaction(namespace, session -> executeOnce(session, namespace, actor, m));
            } catch (ChangeLog.NewNamespace first) {
                changeLog.createCounter(namespace);
            } catch (KeyInFlight inFlight) {
                if (attempt >= KEY_WAIT_ATTEMPTS) {
                    throw new DataFnException(ErrorCode.CONFLICT, "mutation '" + m.mutation().mutationId()
                            + "' is still being applied by another request; retry it later",
                            pathOf(m.mutation(), "mutationId"));
                }
                pause(attempt);
            }
        }
    }

    private MutationResult executeOnce(Session session, String namespace, String actor, PreparedMutation m) {
        Mutation mutation = m.mutation();
        IdempotencyRecordEntity key = null;
        if (mutation.idempotent()) {
            IdempotencyRecordEntity.Key id = new IdempotencyRecordEntity.Key(namespace, mutation.clientId(),
                    mutation.mutationId());
            IdempotencyRecordEntity earlier = session.find(IdempotencyRecordEntity.class, id);
            if (earlier != null) {
                return replay(earlier, m);
            }
            key = new IdempotencyRecordEntity(id, m.requestHash(), clock.get());
            try {
                session.persist(key);
                session.flush();
            } catch (ConstraintViolationException concurrentFirstExecution) {
                throw new KeyInFlight();
            }
        }
        ObjectNode after = apply(session, m);
        long seq = changeLog.append(session, namespace, List.of(new Change(m.resource().name(), m.id(),
                mutation.operation().wireName(), after, actor, mutation.clientId(), mutation.mutationId())));
        MutationResult result = new MutationResult(mutation.mutationId(), List.of(m.id()), seq, false, after);
        if (key != null) {
            key.setResult(result.toJson().toString());
        }
        return result;
    }

    private static MutationResult replay(IdempotencyRecordEntity earlier, PreparedMutation m) {
        if (!earlier.getRequestHash().equals(m.requestHash())) {
            throw new DataFnException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "mutationId '" + m.mutation().mutationId()
                    + "' of client '" + m.mutation().clientId() + "' was already used for a different mutation; "
                    + "use a new mutationId for a new change", pathOf(m.mutation(), "mutationId"));
        }
        return MutationResult.replay(earlier.getResult());
    }

    private ObjectNode apply(Session session, PreparedMutation m) {
        ResourceSchema resource = m.resource();
        EntityRows access = rows.get(resource.name());
        Instant now = clock.get().truncatedTo(ChronoUnit.MICROS);
        Object existing = session.find(resource.entityClass(), new RowKey(session.getTenantIdentifier(), m.id()));
        switch (m.mutation().operation()) {
            case INSERT -> {
                if (existing != null) {
                    throw new DataFnException(ErrorCode.CONFLICT, "a '" + resource.name() + "' record with id '"
                            + m.id() + "' already exists", idPath(m.mutation()));
                }
                NamespacedRow entity = access.newEntity();
                entity.setId(m.id());
                m.values().forEach((field, value) -> access.set(entity, field, value));
                stamp(access, entity, now, true);
                session.persist(entity);
                flushUnique(session, m);
                return access.toJson(entity, resource.fields());
            }
            case MERGE -> {
                Object entity = requireExisting(existing, m);
                m.values().forEach((field, value) -> access.set(entity, field, value));
                stamp(access, entity, now, false);
                flushUnique(session, m);
                return access.toJson(entity, resource.fields());
            }
            case DELETE -> {
                session.remove(requireExisting(existing, m));
                session.flush();
                return null;
            }
            default -> throw new IllegalStateException("unhandled operation " + m.mutation().operation());
        }
    }

    private static Object requireExisting(Object existing, PreparedMutation m) {
        if (existing == null) {
            throw new DataFnException(ErrorCode.NOT_FOUND, "no '" + m.resource().name() + "' record with id '"
                    + m.id() + "'", idPath(m.mutation()));
        }
        return existing;
    }

    private static void stamp(EntityRows access, Object entity, Instant now, boolean created) {
        for (FieldSchema f : access.resource().fields()) {
            if (f.role() == FieldRole.UPDATED_AT || (created && f.role() == FieldRole.CREATED_AT)) {
                access.set(entity, f, now);
            }
        }
    }

    /** Unique fields are enforced by the database; its violation names the field's constraint. */
    private static void flushUnique(Session session, PreparedMutation m) {
        try {
            session.flush();
        } catch (ConstraintViolationException e) {
            String constraint = e.getConstraintName() == null ? "" : e.getConstraintName().toLowerCase();
            for (FieldSchema f : m.resource().fields()) {
                if (f.unique() && constraint.contains(m.resource().name() + "_" + f.column() + "_key")) {
                    throw new DataFnException(ErrorCode.CONFLICT, "another '" + m.resource().name()
                            + "' record already has this " + f.name(), pathOf(m.mutation(), "record." + f.name()));
                }
            }
            throw new DataFnException(ErrorCode.CONFLICT, "the write conflicts with a stored '" + m.resource().name()
                    + "' record", m.mutation().path().isEmpty() ? null : m.mutation().path());
        } catch (org.hibernate.exception.DataException e) {
            // The validator checks every limit it knows; this is the database's last word on a value.
            throw DataFnException.invalid(m.mutation().path().isEmpty() ? null : m.mutation().path(),
                    "a value does not fit its column");
        }
    }

    private static String idPath(Mutation m) {
        return pathOf(m, m.id() != null ? "id" : "record.id");
    }

    private static String pathOf(Mutation m, String member) {
        return JsonPaths.child(m.path(), member);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(250, 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while waiting for a retry");
        }
    }

    /** The same idempotency key is being applied by a concurrent request that has not committed yet. */
    private static final class KeyInFlight extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyInFlight() {
            super(null, null, false, false);
        }
    }
}
