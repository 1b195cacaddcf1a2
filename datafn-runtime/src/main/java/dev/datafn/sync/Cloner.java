package dev.datafn.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.access.Access;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.config.Limits;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.ColumnRows;
import dev.datafn.db.ColumnScan;
import dev.datafn.db.DataStore;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.util.List;
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
 * <p>Without {@code limit} the whole answer is streamed ({@link StreamedClone}): while the client keeps up, from
 * one database snapshot, each table read by one query in id order and its many-many id lists by one query per
 * relation walked beside it ({@link ColumnScan}), fetched and written {@value #CHUNK} rows at a time, so memory
 * does not grow with the tables; a client that stops reading does not hold a database connection. Only the
 * fields the caller may read are read, and each row is written straight to the stream by the table's
 * {@link dev.datafn.schema.RecordJsonWriter}, no JSON tree in between.
 *
 * <p>With {@code limit} (at most {@code maxPullLimit}) each answer holds at most that many rows,
 * {@code hasMore} and a {@code continuation} to send back for the next page; every page carries the same
 * cursors.
 *
 * <p>Consistency: the cursors are the sequence store's settled seq S, read first. A row changed after S
 * (visible to a later page, or to the snapshot when the store's counters live outside the database) is
 * left out: the pull from S brings it, so it comes exactly once. A row deleted after S is not in the
 * clone, and the pull from S brings its tombstone.
 */
public final class Cloner {

    /** Rows fetched, written and forgotten at a time while streaming. */
    static final int CHUNK = 500;

    private final Schema schema;
    private final DataStore store;
    private final SequenceStore sequences;
    private final Limits limits;
    private final Access access;

    /**
     * @param schema    the schema
     * @param store     the database
     * @param sequences the sequence store
     * @param limits    the limits ({@code maxPullLimit} bounds a page)
     * @param access    what the caller may read: only readable tables, rows with only readable fields
     */
    public Cloner(Schema schema, DataStore store, SequenceStore sequences, Limits limits, Access access) {
        this.schema = schema;
        this.store = store;
        this.sequences = sequences;
        this.limits = limits;
        this.access = access;
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
        return new Answer(namespace, CloneRequest.parse(schema, limits, access, request));
    }

    private void stream(Namespace namespace, CloneRequest request, JsonGenerator out) {
        new StreamedClone(store, sequences, namespace, request.tables(), this::readable, CHUNK).write(out);
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
                ColumnRows rows = readable(resource);
                List<Object[]> found = read(session, namespace, resource, rows, after, settled, exact, budget);
                data.putArray(resource.name()).addAll(rows.toJson(rows.withLinks(session, found)));
                budget -= found.size();
                if (budget == 0) {
                    after = found.isEmpty() ? after : ColumnRows.id(found.getLast());
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
     * The fields of a table the caller may read, decided once per table and answer: the others are
     * neither read nor written.
     */
    private ColumnRows readable(ResourceSchema table) {
        return ColumnRows.of(table, access.readableFields(table));
    }

    /**
     * Reads rows as the column values of the readable fields (the id first, many-many lists left out), not
     * as entities: a clone only writes them out, so nothing needs managing.
     *
     * @param exact whether the snapshot holds no change above {@code settled}; otherwise rows changed
     *              after it are left for the pull
     * @return up to {@code limit} rows after {@code afterId}, in id order; the id is the first value
     */
    private List<Object[]> read(Session session, Namespace namespace, ResourceSchema table, ColumnRows rows,
            String afterId, long settled, boolean exact, int limit) {
        StringBuilder hql = new StringBuilder(rows.select("e")).append(" where 1 = 1");
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
        List<Object[]> found = query.getResultList();
        AnswerBudget.charge(found);
        return found;
    }
}
