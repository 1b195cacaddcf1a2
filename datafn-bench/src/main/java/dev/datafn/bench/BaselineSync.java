package dev.datafn.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The hand-written baseline of the sync scenarios, in DataFn's wire shapes:
 *
 * <pre>
 * POST /pull   {"cursors": {"todos": "n"}, "limit": 1000}  the todo changes after n, by the change log's index
 * POST /clone  {"tables": ["todos"]}                       every todo of the namespace, streamed
 * </pre>
 *
 * Pull collapses a record's changes into its last, adds {@code __deleted}, and answers the new cursor and
 * {@code hasMore}, as DataFn does; clone streams one query's rows (fetch size 500, so PostgreSQL sends
 * them as they are read) through a Jackson generator.
 */
final class BaselineSync implements HttpService {

    private static final int FETCH = 500;

    private final DataSource pool;
    private final ObjectMapper json;

    /**
     * @param pool the baseline's connection pool
     * @param json the JSON mapper
     */
    BaselineSync(DataSource pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/pull", this::pull)
                .post("/clone", this::cloneTodos);
    }

    private void pull(ServerRequest req, ServerResponse res) throws IOException, SQLException {
        JsonNode body = json.readTree(req.content().inputStream());
        long cursor = Long.parseLong(body.at("/cursors/todos").asText("0"));
        int limit = body.path("limit").asInt(1000);
        Map<String, String> latest = new LinkedHashMap<>();
        long last = cursor;
        boolean more;
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT server_seq, record_id, op, data FROM datafn_changes"
                     + " WHERE namespace = ? AND resource = 'todos' AND server_seq > ? ORDER BY server_seq LIMIT ?")) {
            s.setString(1, namespace(req));
            s.setLong(2, cursor);
            s.setInt(3, limit + 1);
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && n < limit) {
                    n++;
                    last = rs.getLong(1);
                    String id = rs.getString(2);
                    String data = rs.getString(4);
                    latest.remove(id);
                    latest.put(id, "delete".equals(rs.getString(3)) || data == null
                            ? "{\"id\":" + json.writeValueAsString(id) + ",\"__deleted\":true}"
                            : data.substring(0, data.length() - 1) + ",\"__deleted\":false}");
                }
                more = n == limit && rs.next();
            }
        }
        StringBuilder out = new StringBuilder(latest.size() * 300)
                .append("{\"ok\":true,\"result\":{\"ok\":true,\"records\":{\"todos\":[");
        boolean first = true;
        for (String record : latest.values()) {
            out.append(first ? "" : ",").append(record);
            first = false;
        }
        out.append("]},\"cursors\":{\"todos\":\"").append(last).append("\"},\"hasMore\":").append(more).append("}}");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void cloneTodos(ServerRequest req, ServerResponse res) throws IOException, SQLException {
        req.content().consume();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long cursor;
            try (PreparedStatement s = c.prepareStatement("SELECT last_value FROM datafn_sequences WHERE namespace = ?")) {
                s.setString(1, namespace(req));
                try (ResultSet rs = s.executeQuery()) {
                    cursor = rs.next() ? rs.getLong(1) : 0;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT t.id, t.title, t.completed, t.priority, t.due_date,"
                    + " t.notes, t.project_id, t.created_at, t.updated_at, (SELECT string_agg(l.tags_id, ',' ORDER BY"
                    + " l.tags_id) FROM todos_tags l WHERE l.namespace = t.namespace AND l.todos_id = t.id) AS tags"
                    + " FROM todos t WHERE t.namespace = ? ORDER BY t.id")) {
                s.setFetchSize(FETCH);
                s.setString(1, namespace(req));
                try (ResultSet rs = s.executeQuery();
                     OutputStream body = res.outputStream();
                     JsonGenerator out = json.getFactory().createGenerator(body)) {
                    out.writeStartObject();
                    out.writeBooleanField("ok", true);
                    out.writeObjectFieldStart("result");
                    out.writeBooleanField("ok", true);
                    out.writeObjectFieldStart("data");
                    out.writeArrayFieldStart("todos");
                    while (rs.next()) {
                        writeTodo(out, rs);
                    }
                    out.writeEndArray();
                    out.writeEndObject();
                    out.writeObjectFieldStart("cursors");
                    out.writeStringField("todos", Long.toString(cursor));
                    out.writeEndObject();
                    out.writeEndObject();
                    out.writeEndObject();
                }
            }
            c.commit();
        }
    }

    private static void writeTodo(JsonGenerator out, ResultSet rs) throws IOException, SQLException {
        out.writeStartObject();
        out.writeStringField("id", rs.getString(1));
        out.writeStringField("title", rs.getString(2));
        out.writeBooleanField("completed", rs.getBoolean(3));
        out.writeNumberField("priority", rs.getInt(4));
        java.sql.Date due = rs.getDate(5);
        out.writeStringField("dueDate", due == null ? null : due.toLocalDate().toString());
        out.writeStringField("notes", rs.getString(6));
        out.writeStringField("projectId", rs.getString(7));
        out.writeArrayFieldStart("tags");
        String tags = rs.getString(10);
        if (tags != null) {
            for (String tag : tags.split(",")) {
                out.writeString(tag);
            }
        }
        out.writeEndArray();
        out.writeStringField("createdAt", rs.getObject(8, java.time.OffsetDateTime.class).toInstant().toString());
        out.writeStringField("updatedAt", rs.getObject(9, java.time.OffsetDateTime.class).toInstant().toString());
        out.writeEndObject();
    }

    private static String namespace(ServerRequest req) {
        return req.headers().first(Bench.NAMESPACE_HEADER).orElse(Bench.NAMESPACE);
    }
}
