package dev.datafn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.datafn.example.todo.Todo;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The hand-written baseline: one Helidon SE handler per question, plain JDBC ({@link TodoQueries}) and
 * Jackson, answering in DataFn's envelope and page shape ({@code {"ok": true, "result": {"data": [...],
 * "nextCursor": ..., "hasMore": ...}}}) so both sides send the same bytes for the same rows.
 *
 * <pre>
 * GET /todos/{id}                                     one todo
 * GET /todos?minPriority=&amp;limit=[&amp;projectId=]       open todos (of a project), soonest due first
 * GET /todos/by-id?limit=&amp;after=|offset=              a page in id order, keyset or offset
 * GET /todos/stats-by-project                         count, sum and average priority per project
 * </pre>
 *
 * The namespace comes from the {@value Bench#NAMESPACE_HEADER} header, as it does for DataFn in this benchmark.
 */
final class BaselineService implements HttpService {

    /** Jackson with Java time values as ISO text, as DataFn writes them. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final TodoQueries queries;

    /** @param queries the data access */
    BaselineService(TodoQueries queries) {
        this.queries = queries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/todos/stats-by-project", this::statsByProject)
                .get("/todos/by-id", this::byIdOrder)
                .get("/todos/{id}", this::byId)
                .get("/todos", this::open);
    }

    private void byId(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        List<Todo> found = queries.byId(namespace(req), req.path().pathParameters().get("id"));
        send(res, new Page<>(found, null, false));
    }

    private void open(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        var query = req.query();
        int limit = query.first("limit").asInt().orElse(20);
        List<Todo> found = queries.open(namespace(req), query.first("projectId").orElse(null),
                query.first("minPriority").asInt().orElse(0), limit + 1);
        boolean hasMore = found.size() > limit;
        List<Todo> page = hasMore ? found.subList(0, limit) : found;
        Todo last = page.isEmpty() ? null : page.getLast();
        send(res, new Page<>(page, hasMore ? last.dueDate() + "," + last.id() : null, hasMore));
    }

    private void byIdOrder(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        var query = req.query();
        int limit = query.first("limit").asInt().orElse(20);
        List<Todo> found = query.contains("offset")
                ? queries.atOffset(namespace(req), query.first("offset").asInt().get(), limit + 1)
                : queries.afterId(namespace(req), query.first("after").orElse(null), limit + 1);
        boolean hasMore = found.size() > limit;
        List<Todo> page = hasMore ? found.subList(0, limit) : found;
        send(res, new Page<>(page, hasMore ? page.getLast().id() : null, hasMore));
    }

    private void statsByProject(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        send(res, new Page<>(queries.statsByProject(namespace(req)), null, false));
    }

    private static String namespace(ServerRequest req) {
        return req.headers().first(Bench.NAMESPACE_HEADER).orElse(Bench.NAMESPACE);
    }

    private static void send(ServerResponse res, Page<?> page) throws IOException {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(JSON.writeValueAsBytes(new Envelope(true, page)));
    }

    /**
     * The answer envelope.
     *
     * @param ok     always true here
     * @param result the page
     */
    record Envelope(boolean ok, Page<?> result) {
    }

    /**
     * A page of rows.
     *
     * @param data       the rows
     * @param nextCursor where the next page starts, or {@code null}
     * @param hasMore    whether more rows follow
     * @param <T>        the row type
     */
    record Page<T>(List<T> data, String nextCursor, boolean hasMore) {
    }
}
