package dev.datafn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datafn.example.todo.Todo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The hand-written baseline of the search scenarios: one Helidon SE handler over {@link TodoSearches}
 * (PostgreSQL full-text search and pg_trgm), answering in the shape of DataFn's {@code POST /datafn/search}
 * ({@code {"ok": true, "result": {"results": [{"resource", "id", "score", "data"}, ...]}}}), each record as
 * the read scenarios' baseline writes it.
 *
 * <pre>
 * GET /search?words=plumber&amp;limit=20    todos holding every word
 * GET /search?prefix=plu&amp;limit=20       todos holding a word that starts so
 * GET /search?fuzzy=plumbr&amp;limit=20     todos holding a word like it (pg_trgm)
 * </pre>
 *
 * The namespace comes from the {@value Bench#NAMESPACE_HEADER} header, as it does for DataFn in this benchmark.
 */
final class BaselineSearch implements HttpService {

    private static final int MAX_LIMIT = 100;

    private final TodoSearches searches;
    private final ObjectMapper json;

    /**
     * @param searches the data access
     * @param json     the JSON mapper (with Java time support)
     */
    BaselineSearch(TodoSearches searches, ObjectMapper json) {
        this.searches = searches;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/search", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        var query = req.query();
        int limit = Math.min(MAX_LIMIT, query.first("limit").asInt().orElse(20));
        String namespace = req.headers().first(Bench.NAMESPACE_HEADER).orElse(Bench.NAMESPACE);
        List<TodoSearches.Scored> found;
        if (query.contains("words")) {
            found = searches.words(namespace, query.get("words"), limit);
        } else if (query.contains("prefix") && TodoSearches.WORD.matcher(query.get("prefix")).matches()) {
            found = searches.prefix(namespace, query.get("prefix"), limit);
        } else if (query.contains("fuzzy") && searches.trigrams()) {
            found = searches.fuzzy(namespace, query.get("fuzzy"), limit);
        } else {
            res.status(Status.BAD_REQUEST_400).send("one of words, prefix (letters and digits) or fuzzy is required");
            return;
        }
        List<Hit> hits = found.stream()
                .map(s -> new Hit(TodoWrites.RESOURCE, s.todo().id(), s.score(), s.todo()))
                .toList();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writeValueAsBytes(new Envelope(true, new Results(hits))));
    }

    /**
     * The answer envelope.
     *
     * @param ok     always true here
     * @param result the results
     */
    record Envelope(boolean ok, Results result) {
    }

    /** @param results the hits, best first */
    record Results(List<Hit> results) {
    }

    /**
     * One hit.
     *
     * @param resource always {@code todos}
     * @param id       the todo's id
     * @param score    how well it matches (PostgreSQL's, not comparable with DataFn's)
     * @param data     the todo
     */
    record Hit(String resource, String id, double score, Todo data) {
    }
}
