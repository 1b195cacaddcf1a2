package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.access.Access;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * {@code POST /datafn/reconcile}: compares what a client holds with the server, table by table, and says
 * what to do about a difference.
 *
 * <pre>
 * {"version": 1, "counts": {"todos": 42}, "checksums"?: {"todos": "9f2c..."}, "cursors"?: {"todos": "57"}}
 * → {"ok": true, "tables": {"todos": {"serverCount": 43, "clientCount": 42, "checksum": "...",
 *                                    "drift": true, "action": "pull"}}, "cursors": {"todos": "58"}}
 * </pre>
 *
 * <p>{@code action}: {@code "none"} when the client matches the server; {@code "pull"} when it does not
 * but changes after its cursor are still to be pulled (reconcile again after pulling);
 * {@code "clone"} when it does not and pulling cannot fix it (nothing is left to pull, its cursor was
 * pruned, or it sent no cursor).
 *
 * <p>The checksum goes beyond the seed's counts: it finds a client holding the right number of records
 * but not the right ones ({@link IdChecksum}: it compares which records are held, not their fields).
 */
public final class Reconciler {

    private static final Set<String> MEMBERS = Set.of("version", "counts", "checksums", "cursors");
    /** Ids read at a time for the checksum. */
    private static final int ID_PAGE = 5_000;

    private final Schema schema;
    private final DataStore store;
    private final SequenceStore sequences;
    private final Access access;

    /**
     * @param schema    the schema
     * @param store     the database
     * @param sequences the sequence store, which says how far the log is settled
     * @param access    what the caller may read: only readable tables are compared
     */
    public Reconciler(Schema schema, DataStore store, SequenceStore sequences, Access access) {
        this.schema = schema;
        this.store = store;
        this.sequences = sequences;
        this.access = access;
    }

    /**
     * @param namespace the caller's namespace
     * @param request   the reconcile request
     * @return each table's comparison and the action to take
     */
    public ObjectNode reconcile(Namespace namespace, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        SyncRequests.checkVersion(in);
        Map<ResourceSchema, Long> counts = counts(in.get("counts"), in.pathOf("counts"));
        Map<ResourceSchema, String> checksums = checksums(in.get("checksums"), in.pathOf("checksums"), counts);
        Map<ResourceSchema, Long> cursors = in.has("cursors")
                ? SyncRequests.cursors(schema, access, in.get("cursors"), in.pathOf("cursors")) : Map.of();
        for (ResourceSchema t : cursors.keySet()) {
            if (!counts.containsKey(t)) {
                throw DataFnException.invalid(JsonPaths.child(in.pathOf("cursors"), t.name()), "table '" + t.name()
                        + "' has a cursor but no count");
            }
        }
        return store.inSnapshot(namespace, session -> {
            long settled = sequences.settled(session, namespace);
            long pruned = ChangeLog.prunedThrough(session, namespace);
            ObjectNode answer = Json.object();
            answer.put("ok", true);
            ObjectNode tables = answer.putObject("tables");
            ObjectNode next = answer.putObject("cursors");
            counts.forEach((table, clientCount) -> {
                long serverCount = count(session, table);
                String checksum = checksum(session, table);
                boolean drift = serverCount != clientCount
                        || (checksums.containsKey(table) && !checksums.get(table).equals(checksum));
                ObjectNode out = tables.putObject(table.name());
                out.put("serverCount", serverCount);
                out.put("clientCount", clientCount);
                out.put("checksum", checksum);
                out.put("drift", drift);
                Long cursor = cursors.get(table);
                String action;
                if (!drift) {
                    action = "none";
                } else if (cursor != null && cursor >= pruned && cursor < settled
                        && !ChangeLog.read(session, namespace, table.name(), cursor, settled, 1).isEmpty()) {
                    action = "pull";
                } else {
                    action = "clone";
                }
                out.put("action", action);
                next.put(table.name(), SyncCursors.format(settled));
            });
            return answer;
        });
    }

    private Map<ResourceSchema, Long> counts(JsonNode node, String path) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw DataFnException.invalid(path, "'counts' is required: an object of table name to the number of "
                    + "records the client holds");
        }
        Map<ResourceSchema, Long> counts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            String at = JsonPaths.child(path, e.getKey());
            ResourceSchema table = SyncRequests.readableTable(schema, access, e.getKey(), at);
            if (!e.getValue().isIntegralNumber() || e.getValue().longValue() < 0) {
                throw DataFnException.invalid(at, "expected the number of records held: a whole number, 0 or more");
            }
            counts.put(table, e.getValue().longValue());
        }
        return counts;
    }

    private Map<ResourceSchema, String> checksums(JsonNode node, String path, Map<ResourceSchema, Long> counts) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw DataFnException.invalid(path, "expected an object of table name to checksum");
        }
        Map<ResourceSchema, String> sums = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            String at = JsonPaths.child(path, e.getKey());
            ResourceSchema table = SyncRequests.table(schema, e.getKey(), at);
            if (!counts.containsKey(table)) {
                throw DataFnException.invalid(at, "table '" + table.name() + "' has a checksum but no count");
            }
            if (!e.getValue().isTextual() || !e.getValue().textValue().matches("[0-9a-fA-F]{64}")) {
                throw DataFnException.invalid(at, "expected 64 hex digits: the XOR of the SHA-256 of each record id");
            }
            sums.put(table, e.getValue().textValue().toLowerCase(java.util.Locale.ROOT));
        }
        return sums;
    }

    private static long count(Session session, ResourceSchema table) {
        return session.createSelectionQuery("select count(e) from " + table.entityClass().getName() + " e", Long.class)
                .getSingleResult();
    }

    /** Streams the table's ids in pages, so memory stays flat however large the table. */
    private static String checksum(Session session, ResourceSchema table) {
        IdChecksum checksum = new IdChecksum();
        String after = null;
        while (true) {
            var query = session.createSelectionQuery("select e.id from " + table.entityClass().getName() + " e"
                    + (after == null ? "" : " where e.id > :after") + " order by e.id", String.class)
                    .setMaxResults(ID_PAGE);
            if (after != null) {
                query.setParameter("after", after);
            }
            List<String> ids = query.getResultList();
            ids.forEach(checksum::add);
            if (ids.size() < ID_PAGE) {
                return checksum.hex();
            }
            after = ids.getLast();
        }
    }
}
