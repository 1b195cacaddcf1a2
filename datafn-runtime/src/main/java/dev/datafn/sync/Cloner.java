package dev.datafn.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.config.Limits;
import dev.datafn.db.DataStore;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * {@code POST /datafn/clone}: every row of the asked tables in the caller's namespace, with cursors from
 * which pull yields exactly the changes the clone does not hold.
 *
 * <pre>
 * {"version": 1, "tables": ["todos", "tags"]}
 * → {"ok": true, "data": {"todos": [...], "tags": [...]}, "cursors": {"todos": "42", "tags": "42"}}
 * </pre>
 *
 * <p>Without {@code limit} the whole answer is streamed from one database snapshot, {@value #CHUNK} rows
 * at a time, so memory does not grow with the tables. With {@code limit} (at most {@code maxPullLimit})
 * each answer holds at most that many rows, {@code hasMore} and a {@code continuation} to send back for
 * the next page; every page carries the same cursors.
 *
 * <p>Consistency: the cursors are the sequence store's settled seq S, read first. A row changed after S
 * (visible to a later page, or to the snapshot when the store's counters live outside the database) is
 * left out: the pull from S brings it, so it comes exactly once. A row deleted after S is not in the
 * clone, and the pull from S brings its tombstone.
 */
public final class Cloner {

    /** Rows read, written and forgotten at a time while streaming. */
    static final int CHUNK = 500;

    private final Schema schema;
    private final DataStore store;
    private final SequenceStore sequences;
    private final Limits limits;

    /**
     * @param schema    the schema
     * @param store     the database
     * @param sequences the sequence store
     * @param limits    the limits ({@code maxPullLimit} bounds a page)
     */
    public Cloner(Schema schema, DataStore store, SequenceStore sequences, Limits limits) {
        this.schema = schema;
        this.store = store;
        this.sequences = sequences;
        this.limits = limits;
    }

    /** The answer to a checked clone request: one page built in memory, or the whole answer written as a stream. */
    public final class Answer {
        private final Namespace namespace;
        private final CloneRequest request;

        private Answer(Namespace namespace, CloneRequest request) {
            this.namespace = namespace;
            this.request = request;
        }

        /** @return whether the answer is one page, built in memory, rather than a stream */
        public boolean paged() {
            return request.pageSize() > 0;
        }

        /** @return the page this request asks for */
        public ObjectNode page() {
            return Cloner.this.page(namespace, request);
        }

        /**
         * Writes the whole answer, the envelope included, to the generator.
         *
         * @param out the generator, at the start of the response body
         */
        public void stream(JsonGenerator out) {
            Cloner.this.stream(namespace, request, out);
        }
    }

    /**
     * Checks a clone request before anything is read or sent, so a bad one is answered with its error.
     *
     * @param namespace the caller's namespace
     * @param request   the request
     * @return its answer, not read yet
     */
    public Answer answer(Namespace namespace, JsonNode request) {
        return new Answer(namespace, CloneRequest.parse(schema, limits, request));
    }

    private void stream(Namespace namespace, CloneRequest request, JsonGenerator out) {
        store.inSnapshot(namespace, session -> {
            long settled = sequences.settled(session, namespace);
            boolean exact = sequences.settledMatchesSnapshot();
            try {
                out.writeStartObject();
                out.writeBooleanField("ok", true);
                out.writeObjectFieldStart("result");
                out.writeBooleanField("ok", true);
                out.writeObjectFieldStart("data");
                for (ResourceSchema table : request.tables()) {
                    out.writeArrayFieldStart(table.name());
                    String after = null;
                    while (true) {
                        List<Object[]> chunk = read(session, namespace, table, after, settled, exact, CHUNK);
                        for (ObjectNode row : json(session, table, chunk)) {
                            out.writeTree(row);
                        }
                        if (chunk.size() < CHUNK) {
                            break;
                        }
                        after = id(chunk.getLast());
                        session.clear();
                        out.flush();
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
                writeCursors(out, request.tables(), settled);
                out.writeEndObject();
                out.writeEndObject();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private ObjectNode page(Namespace namespace, CloneRequest request) {
        return store.inSnapshot(namespace, session -> {
            CloneRequest.Resume at = request.resume();
            boolean first = at == null;
            long settled = first ? sequences.settled(session, namespace) : at.settled();
            // The first page's snapshot is the one S was read in; later pages see later commits.
            boolean exact = first && sequences.settledMatchesSnapshot();
            ObjectNode answer = Json.object();
            answer.put("ok", true);
            ObjectNode data = answer.putObject("data");
            int budget = request.pageSize();
            int table = first ? 0 : at.table();
            String after = first ? null : at.afterId();
            while (table < request.tables().size()) {
                ResourceSchema resource = request.tables().get(table);
                List<Object[]> found = read(session, namespace, resource, after, settled, exact, budget);
                ArrayNode out = data.putArray(resource.name());
                json(session, resource, found).forEach(out::add);
                budget -= found.size();
                if (budget == 0) {
                    after = found.isEmpty() ? after : id(found.getLast());
                    break;
                }
                table++;
                after = null;
            }
            ObjectNode cursors = answer.putObject("cursors");
            request.tables().forEach(t -> cursors.put(t.name(), SyncCursors.format(settled)));
            boolean more = table < request.tables().size();
            answer.put("hasMore", more);
            if (more) {
                answer.put("continuation", request.encode(new CloneRequest.Resume(settled, table, after)));
            }
            return answer;
        });
    }

    /**
     * Reads rows as their column values (fields in schema order, many-many lists left out), not as
     * entities: a clone only writes them out, so nothing needs managing.
     *
     * @param exact whether the snapshot holds no change above {@code settled}; otherwise rows changed
     *              after it are left for the pull
     * @return up to {@code limit} rows after {@code afterId}, in id order; the id is the first value
     */
    private List<Object[]> read(Session session, Namespace namespace, ResourceSchema table, String afterId, long settled,
            boolean exact, int limit) {
        StringBuilder hql = new StringBuilder("select e.id");
        for (FieldSchema f : columns(table)) {
            hql.append(", e.").append(f.name());
        }
        hql.append(" from ").append(table.entityClass().getName()).append(" e where 1 = 1");
        if (afterId != null) {
            hql.append(" and e.id > :after");
        }
        if (!exact) {
            hql.append(" and ").append(ChangeLog.unchangedAfter("e"));
        }
        hql.append(" order by e.id");
        var query = session.createSelectionQuery(hql.toString(), Object[].class).setMaxResults(limit);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        if (!exact) {
            ChangeLog.bindUnchangedAfter(query, namespace, table.name(), settled);
        }
        return query.getResultList();
    }

    /** @return the fields read as columns: all but the id and the many-many lists, in schema order */
    private static List<FieldSchema> columns(ResourceSchema table) {
        return table.fields().stream()
                .filter(f -> f.role() != FieldRole.ID && f.type() != FieldType.ID_LIST)
                .toList();
    }

    /**
     * The rows as JSON records. Many-many id lists are read for the whole chunk in one query per
     * relation, by the link table's (namespace, owner) index: loading each row's collection would cost a
     * query per row, or per batch of rows by a tuple list PostgreSQL cannot use an index for.
     */
    private List<ObjectNode> json(Session session, ResourceSchema table, List<Object[]> chunk) {
        Map<FieldSchema, Map<String, List<String>>> links = new HashMap<>();
        List<String> ids = chunk.stream().map(Cloner::id).toList();
        for (FieldSchema f : table.fields()) {
            RelationSchema relation = linkRelation(table, f);
            if (relation != null && !ids.isEmpty()) {
                links.put(f, targets(session, relation, ids));
            }
        }
        List<ObjectNode> out = new ArrayList<>(chunk.size());
        for (Object[] row : chunk) {
            ObjectNode record = Json.object();
            int column = 1;
            for (FieldSchema f : table.fields()) {
                Object value;
                if (f.role() == FieldRole.ID) {
                    value = row[0];
                } else if (f.type() == FieldType.ID_LIST) {
                    value = links.containsKey(f) ? links.get(f).getOrDefault(id(row), List.of()) : List.of();
                } else {
                    value = row[column++];
                }
                record.set(f.name(), FieldValues.toJson(f, value instanceof Enum<?> e ? e.name() : value));
            }
            out.add(record);
        }
        return out;
    }

    /** @return the many-many relation with a link entity that an id-list field holds, or {@code null} */
    private static RelationSchema linkRelation(ResourceSchema table, FieldSchema field) {
        if (field.type() != FieldType.ID_LIST) {
            return null;
        }
        for (RelationSchema r : table.relations()) {
            if (r.kind() == RelationKind.MANY_MANY && r.field().equals(field.name()) && r.linkEntity() != null) {
                return r;
            }
        }
        return null;
    }

    /** @return each owner's target ids, in id order */
    private static Map<String, List<String>> targets(Session session, RelationSchema relation, List<String> owners) {
        Map<String, List<String>> byOwner = new HashMap<>();
        List<Object[]> pairs = session.createSelectionQuery("select l.ownerId, l.targetId from "
                + relation.linkEntity().getName() + " l where l.ownerId in :owners order by l.ownerId, l.targetId",
                Object[].class)
                .setParameter("owners", owners)
                .getResultList();
        for (Object[] pair : pairs) {
            byOwner.computeIfAbsent((String) pair[0], k -> new ArrayList<>()).add((String) pair[1]);
        }
        return byOwner;
    }

    private static String id(Object[] row) {
        return (String) row[0];
    }

    private static void writeCursors(JsonGenerator out, List<ResourceSchema> tables, long settled) throws IOException {
        out.writeObjectFieldStart("cursors");
        for (ResourceSchema t : tables) {
            out.writeStringField(t.name(), SyncCursors.format(settled));
        }
        out.writeEndObject();
    }
}
