package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryExecutor;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.internal.RowKey;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * The stored records a write works on, within the writing session: finding and locking rows, checking
 * guards, stamping server-owned times, and answering a record as JSON with its current links.
 */
final class StoredRecords {

    private final Map<String, EntityRows> rows;
    private final QueryExecutor queries;

    StoredRecords(Map<String, EntityRows> rows, QueryExecutor queries) {
        this.rows = rows;
        this.queries = queries;
    }

    EntityRows rows(ResourceSchema resource) {
        return rows.get(resource.name());
    }

    /** @return the row, not locked, or {@code null} */
    Object find(Session session, ResourceSchema resource, String id) {
        return session.find(resource.entityClass(), new RowKey(session.getTenantIdentifier(), id));
    }

    /**
     * Locks a row for the rest of the transaction ({@code SELECT ... FOR UPDATE}), so concurrent writers
     * of one record take turns: a guard is checked, and fields written, against the latest committed
     * values, and no writer overwrites another's fields with stale ones.
     *
     * @return the row, or {@code null}
     */
    Object lock(Session session, ResourceSchema resource, String id) {
        return session.find(resource.entityClass(), new RowKey(session.getTenantIdentifier(), id),
                LockModeType.PESSIMISTIC_WRITE);
    }

    /** @return the mutation's record, locked; NOT_FOUND when there is none in this namespace */
    Object require(Session session, PreparedMutation m) {
        Object entity = lock(session, m.resource(), m.id());
        if (entity == null) {
            throw notFound(m.resource(), m.id(), JsonPaths.child(m.mutation().path(),
                    m.mutation().id() != null ? "id" : "record.id"));
        }
        return entity;
    }

    static DataFnException notFound(ResourceSchema resource, String id, String path) {
        return new DataFnException(ErrorCode.NOT_FOUND, "no '" + resource.name() + "' record with id '" + id + "'",
                path);
    }

    /**
     * Checks the mutation's {@code if} guard against the locked record (or the absence of one); a failed
     * guard is CONFLICT with the record's current values and latest serverSeq, so the client can
     * rebase its change.
     *
     * @param entity the locked record, or {@code null} when there is none
     */
    void checkGuard(Session session, PreparedMutation m, Object entity) {
        if (m.guard() == null) {
            return;
        }
        if (entity != null) {
            session.flush();
            if (!queries.execute(session, m.guard(), () -> { }).data().isEmpty()) {
                return;
            }
        }
        ObjectNode details = Json.object();
        details.put("serverSeq", ChangeLog.latestSeq(session, Namespace.of(session.getTenantIdentifier()), m.resource().name(),
                m.id()));
        details.set("current", entity == null ? null : json(session, m.resource(), entity, Map.of()));
        throw new DataFnException(ErrorCode.CONFLICT, entity == null
                ? "there is no '" + m.resource().name() + "' record '" + m.id() + "' for the 'if' guard to match"
                : "the '" + m.resource().name() + "' record '" + m.id() + "' does not match the 'if' guard",
                JsonPaths.child(m.mutation().path(), "if")).withDetails(details);
    }

    /** Sets updatedAt, and createdAt for a new record, to the server's time. */
    void stamp(ResourceSchema resource, Object entity, Instant now, boolean created) {
        EntityRows access = rows(resource);
        for (FieldSchema f : resource.fields()) {
            if (f.role() == FieldRole.UPDATED_AT || (created && f.role() == FieldRole.CREATED_AT)) {
                access.set(entity, f, now);
            }
        }
    }

    /**
     * The record as JSON. Many-many id lists are read from the link table (or taken from
     * {@code knownLinks} when this write just set them): links are written through link entities, so
     * the entity's own collection may be stale within the writing session.
     *
     * @param knownLinks link lists this write set, by field
     */
    ObjectNode json(Session session, ResourceSchema resource, Object entity, Map<FieldSchema, List<String>> knownLinks) {
        EntityRows access = rows(resource);
        ObjectNode out = Json.object();
        String id = ((dev.datafn.internal.NamespacedRow) entity).getId();
        for (FieldSchema f : resource.fields()) {
            if (f.type() == FieldType.ID_LIST) {
                List<String> ids = knownLinks.get(f);
                if (ids == null) {
                    ids = Links.targetIds(session, linkRelation(resource, f), id);
                }
                out.set(f.name(), FieldValues.toJson(f, ids));
            } else {
                out.set(f.name(), FieldValues.toJson(f, access.get(entity, f)));
            }
        }
        return out;
    }

    /**
     * Writes the record's pending changes and lets the session forget it. Links are written through
     * link entities, which the record's own id-list collection does not see; a later read in the same
     * transaction (a transaction's query step, a repository call) must load the record afresh.
     */
    void release(Session session, Object entity) {
        session.flush();
        session.detach(entity);
    }

    /** @return the many-many relation whose links a list field holds */
    static RelationSchema linkRelation(ResourceSchema resource, FieldSchema listField) {
        for (RelationSchema r : resource.relations()) {
            if (r.kind() == RelationKind.MANY_MANY && r.field().equals(listField.name()) && r.linkEntity() != null) {
                return r;
            }
        }
        throw new IllegalStateException("resource '" + resource.name() + "' has no link entity for field '"
                + listField.name() + "'");
    }
}
