package dev.datafn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * Before anything is measured, makes both sides write the same inserts (one alone, then several) and
 * insists on the same outcome: the same answer, the same retry answer ({@code deduped}, the first
 * serverSeq), and the same rows in the todo, change log, idempotency and counter tables, apart from what
 * must differ (ids, keys, serverSeqs, times, the request hash). A baseline that wrote less would make
 * every ratio meaningless.
 */
final class WriteCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final DataSource dataSource;
    private final WriteScenarios writes;

    /**
     * @param client     the HTTP client
     * @param dataSource reads the written rows
     * @param writes     builds the requests
     */
    WriteCheck(HttpClient client, DataSource dataSource, WriteScenarios writes) {
        this.client = client;
        this.dataSource = dataSource;
        this.writes = writes;
    }

    /**
     * Checks a single insert and its retry and, when asked, three inserts at once; leaves the rows behind.
     *
     * @param batch whether to check the batch endpoints too (DataFn's mutation array and transact)
     * @return what was checked, for the log
     * @throws IllegalStateException when the sides disagree
     * @throws IOException           when a request fails
     * @throws InterruptedException  when interrupted
     * @throws SQLException          when the database fails
     */
    String verify(boolean batch) throws IOException, InterruptedException, SQLException {
        String ns = WriteScenarios.CHECK_NAMESPACE;
        List<ObjectNode> sides = new ArrayList<>();
        for (Scenario.Side side : Scenario.Side.values()) {
            String body = writes.one(side, 0, new SplittableRandom(7));
            HttpRequest request = side == Scenario.Side.DATAFN ? writes.datafn(ns, body)
                    : writes.baseline(ns, "/todos", body);
            JsonNode first = answer(request).get("result");
            JsonNode again = answer(request).get("result");
            expect(side, "a retry answers deduped with the first serverSeq and ids",
                    again.path("deduped").asBoolean() && !first.path("deduped").asBoolean(true)
                            && again.get("serverSeq").equals(first.get("serverSeq"))
                            && again.get("affectedIds").equals(first.get("affectedIds")));
            sides.add(written(side, List.of(first)));
        }
        if (batch) {
            // DataFn's two ways to write many (a mutation array, an atomic transact) against the baseline's batch.
            ObjectNode baseline = sides.get(1);
            baseline.set("batch", written(Scenario.Side.BASELINE, results(writes.baseline(ns, "/todos/batch",
                    writes.batch(Scenario.Side.BASELINE, 0, new SplittableRandom(11), 3)), false)).get("records"));
            ObjectNode array = sides.get(0);
            array.set("batch", written(Scenario.Side.DATAFN, results(
                    writes.datafn(ns, writes.batch(Scenario.Side.DATAFN, 0, new SplittableRandom(11), 3)), false))
                    .get("records"));
            ObjectNode transact = sides.get(0).deepCopy();
            transact.set("batch", written(Scenario.Side.DATAFN, results(
                    writes.transact(ns, writes.steps(Scenario.Side.DATAFN, 0, new SplittableRandom(11), 3)), true))
                    .get("records"));
            sides.add(transact);
        }
        for (ObjectNode datafn : sides.subList(2, sides.size())) {
            if (!datafn.equals(sides.get(1))) {
                throw new IllegalStateException("DataFn's transact stores other rows than the baseline's batch\n"
                        + "DataFn:   " + datafn + "\nbaseline: " + sides.get(1));
            }
        }
        if (!sides.get(0).equals(sides.get(1))) {
            throw new IllegalStateException("the write sides store different rows\nDataFn:   " + sides.get(0)
                    + "\nbaseline: " + sides.get(1));
        }
        return batch ? "one insert, its retry, and 3 inserts as a batch and as a transact" : "one insert and its retry";
    }

    /** The results of a batch (each in its envelope) or of a transact (each in its step), checked all ok. */
    private List<JsonNode> results(HttpRequest request, boolean transact) throws IOException, InterruptedException {
        JsonNode answer = answer(request).get("result");
        JsonNode items = transact ? answer.get("results") : answer;
        if (transact && !answer.path("ok").asBoolean()) {
            throw new IllegalStateException("the transact failed: " + answer);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.path("ok").asBoolean()) {
                throw new IllegalStateException(request.uri() + " refused an insert: " + item);
            }
            out.add(item.get("result"));
        }
        if (out.size() != 3) {
            throw new IllegalStateException(request.uri() + " answered " + out.size() + " results for 3 inserts");
        }
        return out;
    }

    /** The rows behind some answers, with what must differ between the sides taken out. */
    private ObjectNode written(Scenario.Side side, List<JsonNode> answers) throws SQLException {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode records = out.putArray("records");
        try (Connection c = dataSource.getConnection()) {
            for (JsonNode answer : answers) {
                String id = answer.get("affectedIds").get(0).textValue();
                long seq = answer.get("serverSeq").longValue();
                ObjectNode record = records.addObject();
                ObjectNode result = answer.deepCopy();
                expect(side, "the answer names the id and a serverSeq", seq > 0 && id.startsWith("td_"));
                result.remove(List.of("affectedIds", "serverSeq", "mutationId"));
                record.set("answer", result);
                ObjectNode todo = row(c, "SELECT * FROM todos WHERE namespace = ? AND id = ?", id);
                expect(side, "the todo is stored, created when last updated", todo != null
                        && todo.get("created_at").equals(todo.get("updated_at")));
                todo.remove(List.of("id", "created_at", "updated_at"));
                record.set("todo", todo);
                ObjectNode change = row(c, "SELECT * FROM datafn_changes WHERE namespace = ? AND server_seq = ?", seq);
                expect(side, "the change record is stored under the answered serverSeq",
                        change != null && change.get("record_id").textValue().equals(id));
                ObjectNode data = (ObjectNode) JSON.readTree(change.get("data").textValue());
                expect(side, "the change data names the id and the times",
                        data.get("id").textValue().equals(id) && data.hasNonNull("createdAt")
                                && data.get("createdAt").equals(data.get("updatedAt")));
                data.remove(List.of("id", "createdAt", "updatedAt"));
                change.set("data", data);
                String clientId = change.get("client_id").textValue();
                String mutationId = change.get("mutation_id").textValue();
                change.remove(List.of("server_seq", "record_id", "client_id", "mutation_id", "created_at"));
                record.set("change", change);
                ObjectNode key = row(c, "SELECT * FROM datafn_idempotency WHERE namespace = ? AND client_id = ?"
                        + " AND mutation_id = ?", clientId, mutationId);
                expect(side, "the idempotency record stores the hash and the answer", key != null
                        && key.get("request_hash").textValue().length() == 64
                        && JSON.readTree(key.get("result").textValue()).get("serverSeq").longValue() == seq);
                key.remove(List.of("client_id", "mutation_id", "request_hash", "created_at", "result"));
                record.set("idempotency", key);
                ObjectNode counter = row(c, "SELECT * FROM datafn_sequences WHERE namespace = ?");
                expect(side, "the counter has reached the serverSeq",
                        counter != null && counter.get("last_value").longValue() >= seq);
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
        return out;
    }

    /** The row a query finds in the check namespace (the first parameter) as JSON, or {@code null}. */
    private static ObjectNode row(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, WriteScenarios.CHECK_NAMESPACE);
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 2, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ObjectNode row = JSON.createObjectNode();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    // Text as text, whatever the driver's type for it (H2 answers long text as a Clob).
                    row.set(meta.getColumnLabel(i).toLowerCase(), JSON.valueToTree(value == null ? null
                            : value instanceof Number || value instanceof Boolean ? value : rs.getString(i)));
                }
                return row;
            }
        }
    }

    private JsonNode answer(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void expect(Scenario.Side side, String what, boolean holds) {
        if (!holds) {
            throw new IllegalStateException(side.label() + ": expected " + what);
        }
    }
}
