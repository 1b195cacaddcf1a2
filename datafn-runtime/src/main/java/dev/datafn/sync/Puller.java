package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.access.Access;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.config.Limits;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /datafn/pull}: the changes since each table's cursor.
 *
 * <pre>
 * {"version": 1, "cursors": {"todos": "42", "tags": "0"}, "limit": 500}
 * → {"ok": true, "records": {"todos": [{...record..., "__deleted": false}, {"id": "t9", "__deleted": true}]},
 *    "cursors": {"todos": "57", "tags": "57"}, "hasMore": false}
 * </pre>
 *
 * <p>Each table's changes come in serverSeq order; a record changed several times within one answer
 * comes once, as it is after its last change there (a delete as a tombstone). At most {@code limit}
 * changes (default and maximum {@code maxPullLimit}) are read per request, tables in the order sent;
 * {@code hasMore} says to pull again from the new cursors.
 *
 * <p>Changes are read only up to the sequence store's settled seq, so a change still being committed
 * below a committed one is waited for, never skipped. A table with nothing new gets the settled seq as
 * its cursor, so an idle table's cursor keeps up with the log and is not pruned away. A cursor below
 * what retention pruned answers {@code CURSOR_EXPIRED} (410): the client must clone again.
 */
public final class Puller {

    private static final Set<String> MEMBERS = Set.of("version", "cursors", "limit");

    private final Schema schema;
    private final DataStore store;
    private final SequenceStore sequences;
    private final Limits limits;
    private final Access access;

    /**
     * @param schema    the schema
     * @param store     the database
     * @param sequences the sequence store, which says how far the log is settled
     * @param limits    the limits ({@code maxPullLimit})
     * @param access    what the caller may read: only readable tables, records with only readable fields
     */
    public Puller(Schema schema, DataStore store, SequenceStore sequences, Limits limits, Access access) {
        this.access = access;
        this.schema = schema;
        this.store = store;
        this.sequences = sequences;
        this.limits = limits;
    }

    /**
     * @param namespace the caller's namespace
     * @param request   the pull request
     * @return the answer
     */
    public ObjectNode pull(Namespace namespace, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        SyncRequests.checkVersion(in);
        Map<ResourceSchema, Long> cursors = SyncRequests.cursors(schema, access, in.get("cursors"), in.pathOf("cursors"));
        Integer asked = in.optionalInt("limit", 1);
        if (asked != null && asked > limits.maxPullLimit()) {
            throw DataFnException.invalid(in.pathOf("limit"), "limit " + asked + " is over the maximum of "
                    + limits.maxPullLimit() + " (maxPullLimit)");
        }
        int limit = asked == null ? limits.maxPullLimit() : asked;
        return store.inReadOnlyTransaction(namespace, session -> {
            long pruned = ChangeLog.prunedThrough(session, namespace);
            // Read before the changes: every seq up to it is committed (or abandoned), so reading up to it
            // in later statements sees all of them.
            long settled = sequences.settled(session, namespace);
            ObjectNode answer = Json.object();
            answer.put("ok", true);
            ObjectNode records = answer.putObject("records");
            ObjectNode next = answer.putObject("cursors");
            boolean more = false;
            int budget = limit;
            for (Map.Entry<ResourceSchema, Long> e : cursors.entrySet()) {
                String table = e.getKey().name();
                long cursor = e.getValue();
                if (cursor < pruned) {
                    throw new DataFnException(ErrorCode.CURSOR_EXPIRED, "the change log before this cursor was "
                            + "pruned (retention); clone the table again", JsonPaths.child("cursors", table));
                }
                if (cursor >= settled) {
                    records.putArray(table);
                    next.put(table, SyncCursors.format(Math.max(cursor, settled)));
                    continue;
                }
                List<ChangeLog.Entry> changes = budget == 0 ? List.of()
                        : ChangeLog.read(session, namespace, table, cursor, settled, budget + 1);
                AnswerBudget.charge(changes, ChangeLog.Entry::data);
                boolean full = budget == 0 || changes.size() > budget;
                if (full) {
                    changes = changes.subList(0, budget);
                    // Nothing read yet for this table: is there anything at all, or may its cursor move on?
                    full = !changes.isEmpty() || !ChangeLog.read(session, namespace, table, cursor, settled, 1).isEmpty();
                }
                more |= full;
                budget -= changes.size();
                ArrayNode latest = latestPerRecord(changes);
                latest.forEach(record -> access.redact(e.getKey(), (ObjectNode) record));
                records.set(table, latest);
                next.put(table, SyncCursors.format(full ? lastSeq(changes, cursor) : settled));
            }
            answer.put("hasMore", more);
            return answer;
        });
    }

    private static long lastSeq(List<ChangeLog.Entry> changes, long cursor) {
        return changes.isEmpty() ? cursor : changes.getLast().serverSeq();
    }

    /** Each record once, as after its last change here, in the order of those last changes. */
    static ArrayNode latestPerRecord(List<ChangeLog.Entry> changes) {
        Map<String, ObjectNode> latest = new LinkedHashMap<>();
        for (ChangeLog.Entry c : changes) {
            latest.remove(c.recordId());
            latest.put(c.recordId(), asRecord(c));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        latest.values().forEach(out::add);
        return out;
    }

    private static ObjectNode asRecord(ChangeLog.Entry c) {
        ObjectNode record;
        if ("delete".equals(c.operation()) || c.data() == null) {
            record = Json.object();
            record.put("id", c.recordId());
            record.put("__deleted", true);
        } else {
            try {
                record = (ObjectNode) Json.MAPPER.readTree(c.data());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("change " + c.serverSeq() + " holds no JSON record", e);
            }
            record.put("__deleted", false);
        }
        return record;
    }
}
