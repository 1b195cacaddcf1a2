package dev.datafn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.ast.TextSearch;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a search scenario is measured, asks both sides every term of it and insists on comparable answers:
 * a full page ({@value SearchScenarios#LIMIT} results) on each side, every result a todo whose title or notes
 * hold the word sought, and the same record wherever both sides return the same todo. The two sides rank
 * differently (Lucene's BM25 over each field against PostgreSQL's {@code ts_rank} or trigram similarity over
 * the joined text), so among thousands of equally good matches they may pick different ones: the check is
 * that both answer the question fully and correctly, not with the same ids.
 */
final class SearchCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final SearchScenarios scenarios;

    /**
     * @param client    the HTTP client
     * @param scenarios builds the requests
     */
    SearchCheck(HttpClient client, SearchScenarios scenarios) {
        this.client = client;
        this.scenarios = scenarios;
    }

    /**
     * @param kind the scenario's question
     * @return what was checked, for the log
     * @throws IllegalStateException when an answer is short, wrong, or the sides disagree on a record
     * @throws IOException           when a request fails
     * @throws InterruptedException  when interrupted
     */
    String verify(SearchScenarios.Kind kind) throws IOException, InterruptedException {
        int shared = 0;
        for (SearchScenarios.Term term : kind.terms()) {
            Map<String, JsonNode> datafn = hits(kind, term, "DataFn", scenarios.datafn(kind, term));
            Map<String, JsonNode> baseline = hits(kind, term, "baseline", scenarios.baseline(kind, term));
            for (var hit : datafn.entrySet()) {
                JsonNode other = baseline.get(hit.getKey());
                if (other != null) {
                    if (!comparable(hit.getValue()).equals(comparable(other))) {
                        throw new IllegalStateException("%s '%s': the sides answer todo %s differently\nDataFn:   %s\n"
                                .formatted(kind.scenario(), term.query(), hit.getKey(), hit.getValue())
                                + "baseline: " + other);
                    }
                    shared++;
                }
            }
        }
        return "%d results for each of %d terms on both sides, each holding the word; %d todos found by both, alike"
                .formatted(SearchScenarios.LIMIT, kind.terms().size(), shared);
    }

    /** The results of one side, by id, checked: a full page of todos that hold the word. */
    private Map<String, JsonNode> hits(SearchScenarios.Kind kind, SearchScenarios.Term term, String side,
            HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode results = JSON.readTree(response.body()).path("result").path("results");
        String what = "%s '%s' on the %s side".formatted(kind.scenario(), term.query(), side);
        if (results.size() != SearchScenarios.LIMIT) {
            throw new IllegalStateException(what + " answers " + results.size() + " results, not "
                    + SearchScenarios.LIMIT + ": " + response.body());
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode hit : results) {
            JsonNode data = hit.path("data");
            if (!hit.path("resource").asText().equals(TodoWrites.RESOURCE) || !data.path("id").equals(hit.path("id"))) {
                throw new IllegalStateException(what + " answers a result that is not the todo it names: " + hit);
            }
            String text = data.path("title").asText() + " " + data.path("notes").asText("");
            if (TextSearch.wordsOf(text).stream().noneMatch(w -> kind.matches(w, term))) {
                throw new IllegalStateException(what + " answers a todo without '" + term.expected() + "': " + data);
            }
            byId.put(hit.path("id").asText(), data);
        }
        return byId;
    }

    /** A record with its tag ids sorted (each side reads them in its own order). */
    private static JsonNode comparable(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        if (copy.get("tags") instanceof ArrayNode tags) {
            List<String> sorted = new ArrayList<>();
            tags.forEach(t -> sorted.add(t.asText()));
            sorted.sort(null);
            ArrayNode replaced = copy.putArray("tags");
            sorted.forEach(replaced::add);
        }
        return copy;
    }
}
