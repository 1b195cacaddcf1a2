package dev.datafn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Before anything is measured, asks both sides the same questions and insists on the same rows: the
 * same records in the same order with the same values (tag ids compared as sets, numbers by value,
 * cursors not at all, since each side has its own), and the same {@code hasMore}. A baseline that
 * answered something cheaper would make every ratio meaningless.
 */
final class AnswerCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUESTIONS = 5;

    private final HttpClient client;

    /** @param client the HTTP client */
    AnswerCheck(HttpClient client) {
        this.client = client;
    }

    /**
     * @param scenario a scenario
     * @return the most rows of one answer, for the log
     * @throws IllegalStateException when the sides disagree, or every answer is empty
     * @throws IOException           when a request fails
     * @throws InterruptedException  when interrupted
     */
    int verify(Scenario scenario) throws IOException, InterruptedException {
        int mostRows = 0;
        for (int seed = 0; seed < QUESTIONS; seed++) {
            JsonNode datafn = answer(scenario.datafn().next(0, new SplittableRandom(seed)));
            JsonNode baseline = answer(scenario.baseline().next(0, new SplittableRandom(seed)));
            if (!comparable(datafn).equals(NUMBERS_BY_VALUE, comparable(baseline))) {
                throw new IllegalStateException("scenario " + scenario.name() + ": the sides answer differently\n"
                        + "DataFn:   " + datafn + "\nbaseline: " + baseline);
            }
            mostRows = Math.max(mostRows, datafn.path("result").path("data").size());
        }
        if (mostRows == 0) {
            throw new IllegalStateException("scenario " + scenario.name() + " answers no rows; the data set is wrong");
        }
        return mostRows;
    }

    private JsonNode answer(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code {"data": [...with sorted tags], "hasMore": ...}} of an answer. */
    private static ObjectNode comparable(JsonNode answer) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        for (JsonNode row : answer.path("result").path("data")) {
            ObjectNode copy = row.deepCopy();
            if (copy.get("tags") instanceof ArrayNode tags) {
                List<String> sorted = new ArrayList<>();
                tags.forEach(t -> sorted.add(t.asText()));
                sorted.sort(null);
                ArrayNode replaced = copy.putArray("tags");
                sorted.forEach(replaced::add);
            }
            data.add(copy);
        }
        out.set("hasMore", answer.path("result").path("hasMore"));
        out.set("ok", answer.path("ok"));
        return out;
    }

    /** Numbers equal when their values are (1 and 1.0, an average to 12 digits); everything else by equals. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return Math.abs(x - y) <= 1e-12 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };
}
