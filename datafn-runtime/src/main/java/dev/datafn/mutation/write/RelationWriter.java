package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.EntityRows;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.internal.LinkRow;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.Operation;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.hibernate.Session;

/**
 * Writes relation links: {@code relate}, {@code unrelate} and {@code modifyRelation}.
 *
 * <ul>
 *   <li>many-many: a row in the relation's link table, with optional metadata;</li>
 *   <li>many-one ({@code todos.project}): the record's id field ({@code projectId});</li>
 *   <li>one-many ({@code projects.todos}): the target's id field pointing back.</li>
 * </ul>
 * Both records must exist in the caller's namespace. Each side whose link changed gets a change record
 * carrying the link, so sync clients can update either side. Relating records that are already
 * related (with the same metadata) changes nothing and logs nothing.
 */
final class RelationWriter {

    private final StoredRecords records;

    RelationWriter(StoredRecords records) {
        this.records = records;
    }

    /**
     * @param session the writing session
     * @param m       a relation operation
     * @param now     the server time of the write
     * @param out     receives the changes
     * @return the record after the write
     */
    ObjectNode write(Session session, PreparedMutation m, Instant now, ChangeSink out) {
        Object owner = records.require(session, m);
        records.checkGuard(session, m, owner);
        Object target = records.lock(session, m.target(), m.mutation().targetId());
        if (target == null) {
            throw StoredRecords.notFound(m.target(), m.mutation().targetId(),
                    JsonPaths.child(m.mutation().path(), "targetId"));
        }
        boolean changed = switch (m.relation().kind()) {
            case MANY_MANY -> writeLink(session, m);
            case MANY_ONE -> writeReference(m, m.resource(), owner, m.mutation().targetId(), now);
            case ONE_MANY -> writeReference(m, m.target(), target, m.id(), now);
        };
        if (changed && m.operation() != Operation.MODIFY_RELATION) {
            // The owner's id list (many-many) or id field changed, and with it the owner's record.
            records.stamp(m.resource(), owner, now, false);
        }
        session.flush();
        ObjectNode after = records.json(session, m.resource(), owner, Map.of());
        if (changed) {
            JsonNode link = linkJson(m.resource(), m.relation(), m.id(), m.mutation().targetId(), currentMetadata(session, m));
            out.changed(m.resource().name(), m.id(), m.operation(), after, link);
            out.changed(m.target().name(), m.mutation().targetId(), m.operation(),
                    records.json(session, m.target(), target, Map.of()), link);
        }
        records.release(session, owner);
        records.release(session, target);
        return after;
    }

    /** A many-many link row: added, removed, or its metadata replaced. */
    private boolean writeLink(Session session, PreparedMutation m) {
        String targetId = m.mutation().targetId();
        LinkRow link = Links.find(session, m.relation(), m.id(), targetId);
        switch (m.operation()) {
            case RELATE -> {
                if (link == null) {
                    Links.add(session, m.relation(), m.id(), targetId, m.mutation().metadata());
                    return true;
                }
                if (m.mutation().metadata() != null && !m.mutation().metadata().equals(link.getMetadata())) {
                    link.setMetadata(m.mutation().metadata());
                    return true;
                }
                return false;
            }
            case UNRELATE -> {
                session.remove(requireLink(link, m));
                return true;
            }
            case MODIFY_RELATION -> {
                LinkRow existing = requireLink(link, m);
                if (m.mutation().metadata().equals(existing.getMetadata())) {
                    return false;
                }
                existing.setMetadata(m.mutation().metadata());
                return true;
            }
            default -> throw new IllegalStateException("not a relation operation: " + m.operation());
        }
    }

    /**
     * An id field holding the link: {@code holder}'s field {@code relation.field()} (the owner's for
     * many-one, the target's for one-many) set to {@code pointsTo}, or cleared.
     */
    private boolean writeReference(PreparedMutation m, ResourceSchema holderResource, Object holder, String pointsTo,
            Instant now) {
        EntityRows access = records.rows(holderResource);
        FieldSchema field = holderResource.field(m.relation().field()).orElseThrow();
        Object current = access.get(holder, field);
        switch (m.operation()) {
            case RELATE -> {
                if (pointsTo.equals(current)) {
                    return false;
                }
                access.set(holder, field, pointsTo);
            }
            case UNRELATE -> {
                if (!Objects.equals(pointsTo, current)) {
                    throw notLinked(m);
                }
                if (field.required()) {
                    throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + field.name() + "' of '"
                            + holderResource.name() + "' is required, so the link cannot be removed; relate the "
                            + "record to another target instead", JsonPaths.child(m.mutation().path(), "relation"));
                }
                access.set(holder, field, null);
            }
            default -> throw new IllegalStateException("not a reference operation: " + m.operation());
        }
        if (holderResource != m.resource()) {
            records.stamp(holderResource, holder, now, false);
        }
        return true;
    }

    private static LinkRow requireLink(LinkRow link, PreparedMutation m) {
        if (link == null) {
            throw notLinked(m);
        }
        return link;
    }

    private static DataFnException notLinked(PreparedMutation m) {
        return new DataFnException(ErrorCode.NOT_FOUND, "'" + m.resource().name() + "' record '" + m.id()
                + "' is not related to '" + m.target().name() + "' record '" + m.mutation().targetId()
                + "' through '" + m.relation().name() + "'", JsonPaths.child(m.mutation().path(), "targetId"));
    }

    private static JsonNode currentMetadata(Session session, PreparedMutation m) {
        if (m.relation().linkEntity() == null || m.operation() == Operation.UNRELATE) {
            return null;
        }
        LinkRow link = Links.find(session, m.relation(), m.id(), m.mutation().targetId());
        return link == null ? null : link.getMetadata();
    }

    /**
     * @return the link as change records carry it:
     *         {@code {"relation", "from": {"resource", "id"}, "to": {"resource", "id"}, "metadata"}}
     */
    static ObjectNode linkJson(ResourceSchema owner, RelationSchema relation, String ownerId, String targetId,
            JsonNode metadata) {
        ObjectNode link = Json.object();
        link.put("relation", relation.name());
        link.putObject("from").put("resource", owner.name()).put("id", ownerId);
        link.putObject("to").put("resource", relation.target()).put("id", targetId);
        link.set("metadata", metadata);
        return link;
    }
}
