package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.EntityRows;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.internal.LinkRow;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.Operation;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Writes a record's fields: insert, merge, replace, upsert and delete. Many-many id lists are written
 * as link rows, keeping the metadata of links that stay.
 */
final class RecordWriter {

    private final Schema schema;
    private final StoredRecords records;

    RecordWriter(Schema schema, StoredRecords records) {
        this.schema = schema;
        this.records = records;
    }

    /**
     * @param session the writing session
     * @param m       the mutation (not a relation operation)
     * @param now     the server time of the write
     * @param out     receives the changes
     * @return the record after the write, {@code null} after a delete
     */
    ObjectNode write(Session session, PreparedMutation m, Instant now, ChangeSink out) {
        return switch (m.operation()) {
            case INSERT -> insert(session, m, now, out);
            case MERGE, REPLACE -> update(session, m, records.require(session, m), now, out);
            case UPSERT -> {
                Object existing = records.lock(session, m.resource(), m.id());
                yield existing == null ? insert(session, m, now, out) : update(session, m, existing, now, out);
            }
            case DELETE -> delete(session, m, out);
            default -> throw new IllegalStateException("not a record operation: " + m.operation());
        };
    }

    /**
     * Whether an insert may be applied without looking first ({@link #insertBlind}): it has no guard to
     * check and no links, whose rows need the record's row first.
     */
    static boolean canInsertBlind(PreparedMutation m) {
        if (m.operation() != Operation.INSERT || m.guard() != null) {
            return false;
        }
        for (Map.Entry<FieldSchema, Object> e : m.values().entrySet()) {
            if (e.getKey().type() == FieldType.ID_LIST && e.getValue() instanceof List<?> ids && !ids.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prepares an insert without looking first: the row is handed to {@code rows}, which inserts it with
     * the transaction's other such rows in one JDBC batch, outside the persistence context; a taken id then
     * fails the transaction (see {@link WriteSession}).
     *
     * @param rows receives the new row, to insert
     * @return the record as inserted
     */
    ObjectNode insertBlind(Session session, PreparedMutation m, Instant now, ChangeSink out,
            Consumer<NamespacedRow> rows) {
        ResourceSchema resource = m.resource();
        NamespacedRow entity = records.rows(resource).newEntity();
        entity.setId(m.id());
        records.stamp(resource, entity, now, true);
        setFields(entity, m);
        rows.accept(entity);
        Map<FieldSchema, List<String>> noLinks = new LinkedHashMap<>();
        for (FieldSchema f : resource.fields()) {
            if (f.type() == FieldType.ID_LIST) {
                noLinks.put(f, List.of());
            }
        }
        ObjectNode after = records.json(session, resource, entity, noLinks);
        out.changed(resource.name(), m.id(), Operation.INSERT, after, null);
        return after;
    }

    private ObjectNode insert(Session session, PreparedMutation m, Instant now, ChangeSink out) {
        records.checkGuard(session, m, null);
        ResourceSchema resource = m.resource();
        if (records.find(session, resource, m.id()) != null) {
            if (m.operation() == Operation.UPSERT) {
                throw upsertRace(m);
            }
            throw new DataFnException(ErrorCode.CONFLICT, "a '" + resource.name() + "' record with id '" + m.id()
                    + "' already exists", idPath(m));
        }
        NamespacedRow entity = records.rows(resource).newEntity();
        entity.setId(m.id());
        records.stamp(resource, entity, now, true);
        Map<FieldSchema, List<String>> links = setFields(entity, m);
        session.persist(entity);
        flushUnique(session, m);
        links = writeLinks(session, m, links, true);
        for (FieldSchema f : resource.fields()) {
            // A new record has no links but those just written: no need to read them back.
            if (f.type() == FieldType.ID_LIST) {
                links.putIfAbsent(f, List.of());
            }
        }
        ObjectNode after = records.json(session, resource, entity, links);
        records.release(session, entity);
        // An upsert that found no record inserted one, and the log says so.
        out.changed(resource.name(), m.id(), Operation.INSERT, after, null);
        return after;
    }

    private ObjectNode update(Session session, PreparedMutation m, Object entity, Instant now, ChangeSink out) {
        records.checkGuard(session, m, entity);
        Map<FieldSchema, List<String>> links = setFields(entity, m);
        records.stamp(m.resource(), entity, now, false);
        flushUnique(session, m);
        links = writeLinks(session, m, links, false);
        ObjectNode after = records.json(session, m.resource(), entity, links);
        records.release(session, entity);
        // The log says what happened: an upsert that found its record replaced it.
        out.changed(m.resource().name(), m.id(), m.operation() == Operation.UPSERT ? Operation.REPLACE : m.operation(),
                after, null);
        return after;
    }

    /** Sets the scalar fields; returns the link lists to write once the row exists. */
    private Map<FieldSchema, List<String>> setFields(Object entity, PreparedMutation m) {
        EntityRows access = records.rows(m.resource());
        Map<FieldSchema, List<String>> links = new LinkedHashMap<>();
        m.values().forEach((field, value) -> {
            if (field.type() == FieldType.ID_LIST) {
                @SuppressWarnings("unchecked")
                List<String> ids = value == null ? List.of() : (List<String>) value;
                links.put(field, ids);
            } else {
                access.set(entity, field, value);
            }
        });
        return links;
    }

    private Map<FieldSchema, List<String>> writeLinks(Session session, PreparedMutation m,
            Map<FieldSchema, List<String>> lists, boolean newRecord) {
        Map<FieldSchema, List<String>> written = new LinkedHashMap<>();
        lists.forEach((field, ids) -> {
            RelationSchema relation = StoredRecords.linkRelation(m.resource(), field);
            written.put(field, newRecord ? Links.addAll(session, relation, m.id(), ids)
                    : Links.replace(session, relation, m.id(), ids));
        });
        if (!written.isEmpty()) {
            session.flush();
        }
        return written;
    }

    /**
     * Deletes the record. Its own links go with its row; links other records hold to it are removed too,
     * and each such record gets a change ({@code unrelate}, with the link) so sync clients drop the id.
     */
    private ObjectNode delete(Session session, PreparedMutation m, ChangeSink out) {
        Object entity = records.require(session, m);
        records.checkGuard(session, m, entity);
        for (ResourceSchema owner : schema.resources()) {
            for (RelationSchema relation : owner.relations()) {
                if (relation.kind() == RelationKind.MANY_MANY && relation.linkEntity() != null
                        && relation.target().equals(m.resource().name())) {
                    unlinkFrom(session, owner, relation, m, out);
                }
            }
        }
        session.remove(entity);
        session.flush();
        out.changed(m.resource().name(), m.id(), Operation.DELETE, null, null);
        return null;
    }

    private void unlinkFrom(Session session, ResourceSchema owner, RelationSchema relation, PreparedMutation m,
            ChangeSink out) {
        List<LinkRow> links = Links.toTarget(session, relation, m.id());
        if (links.isEmpty()) {
            return;
        }
        links.forEach(session::remove);
        session.flush();
        for (LinkRow link : links) {
            Object ownerRow = records.find(session, owner, link.getOwnerId());
            if (ownerRow != null) {
                out.changed(owner.name(), link.getOwnerId(), Operation.UNRELATE,
                        records.json(session, owner, ownerRow, Map.of()),
                        RelationWriter.linkJson(owner, relation, link.getOwnerId(), m.id(), link.getMetadata()));
                records.release(session, ownerRow);
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
            if (m.operation() == Operation.UPSERT) {
                throw upsertRace(m);
            }
            throw new DataFnException(ErrorCode.CONFLICT, "the write conflicts with a stored '" + m.resource().name()
                    + "' record", m.mutation().path().isEmpty() ? null : m.mutation().path());
        } catch (org.hibernate.exception.DataException e) {
            // The validator checks every limit it knows; this is the database's last word on a value.
            throw DataFnException.invalid(m.mutation().path().isEmpty() ? null : m.mutation().path(),
                    "a value does not fit its column");
        }
    }

    /** Another upsert inserted this id since we looked: run the transaction again, and replace it. */
    private static ConcurrentWrite upsertRace(PreparedMutation m) {
        return new ConcurrentWrite("a '" + m.resource().name() + "' record with id '" + m.id()
                + "' was created concurrently; retry the upsert");
    }

    private static String idPath(PreparedMutation m) {
        return pathOf(m.mutation(), m.mutation().id() != null ? "id" : "record.id");
    }

    private static String pathOf(Mutation m, String member) {
        return JsonPaths.child(m.path(), member);
    }
}
