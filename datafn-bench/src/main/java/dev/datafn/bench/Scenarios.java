package dev.datafn.bench;

import dev.datafn.bench.DataGenerator.Dataset;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The questions of the benchmark, each as a DataFn DFQL query and as the baseline's hand-written
 * endpoint for the same rows.
 */
final class Scenarios {

    /** The names of the read scenarios, for {@code --only}. */
    static final List<String> NAMES = List.of("by-id", "page", "page-project", "keyset-first", "keyset-deep",
            "offset-deep", "group-by");

    /** Rows of the filtered page. */
    static final int PAGE_LIMIT = 20;

    /** Rows of each page of the paging scenarios. */
    static final int PAGING_LIMIT = 10;

    /** The lowest priority of the filtered page. */
    static final int MIN_PRIORITY = 3;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final String AGGREGATE = """
            {"resource": "todos", "version": 1, "groupBy": ["projectId"], "aggregations": {
             "n": {"fn": "count"}, "total": {"fn": "sum", "field": "priority"}, "mean": {"fn": "avg", "field": "priority"}}}""";

    private final String base;
    private final BenchOptions options;

    /**
     * @param base    the server, e.g. {@code http://127.0.0.1:41234}
     * @param options the options
     */
    Scenarios(String base, BenchOptions options) {
        this.base = base;
        this.options = options;
    }

    /** @return whether any read scenario runs */
    static boolean any(BenchOptions options) {
        return NAMES.stream().anyMatch(options::runs);
    }

    /** @return the number of the last page in id order, the deep page of the paging scenarios */
    static int deepPage(int rows) {
        return Math.ceilDiv(rows, PAGING_LIMIT);
    }

    /**
     * @param records    the namespace of the record scenarios
     * @param aggregates the namespace of the groupBy scenario, or {@code null} to leave it out
     * @param deepCursor DataFn's cursor of the deep page
     * @return the scenarios this run includes
     */
    List<Scenario> build(Dataset records, Dataset aggregates, String deepCursor) {
        List<String> ids = records.todoIds();
        List<String> projects = records.projectIds();
        int deepPage = deepPage(ids.size());
        int deepOffset = (deepPage - 1) * PAGING_LIMIT;
        String afterId = ids.get(deepOffset - 1);
        int c = options.concurrency();
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.read("by-id", "one todo by id (a random one of %,d)".formatted(ids.size()), c,
                (i, r) -> datafn("{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"id\": \"%s\"}}"
                        .formatted(pick(r, ids))),
                (i, r) -> baseline("/todos/" + pick(r, ids))));
        all.add(Scenario.read("page", "%d open todos with priority >= %d, by due date"
                .formatted(PAGE_LIMIT, MIN_PRIORITY), c,
                (i, r) -> datafn(openTodos(null)),
                (i, r) -> baseline("/todos?minPriority=%d&limit=%d".formatted(MIN_PRIORITY, PAGE_LIMIT))));
        all.add(Scenario.read("page-project", "the same page within a random project (about %,d todos each)"
                .formatted(ids.size() / projects.size()), c,
                (i, r) -> datafn(openTodos(pick(r, projects))),
                (i, r) -> baseline("/todos?projectId=%s&minPriority=%d&limit=%d".formatted(
                        encode(pick(r, projects)), MIN_PRIORITY, PAGE_LIMIT))));
        all.add(Scenario.read("keyset-first", "page 1 in id order, %d rows".formatted(PAGING_LIMIT), c,
                (i, r) -> datafn(idOrder("")),
                (i, r) -> baseline("/todos/by-id?limit=" + PAGING_LIMIT)));
        all.add(Scenario.read("keyset-deep", "page %,d in id order by cursor (keyset)".formatted(deepPage), c,
                (i, r) -> datafn(idOrder(", \"cursor\": \"" + deepCursor + "\"")),
                (i, r) -> baseline("/todos/by-id?limit=%d&after=%s".formatted(PAGING_LIMIT, encode(afterId)))));
        all.add(Scenario.read("offset-deep", "page %,d in id order by offset %,d".formatted(deepPage, deepOffset), c,
                (i, r) -> datafn(idOrder(", \"offset\": " + deepOffset)),
                (i, r) -> baseline("/todos/by-id?limit=%d&offset=%d".formatted(PAGING_LIMIT, deepOffset))));
        if (aggregates != null) {
            all.add(Scenario.read("group-by", "count, sum and avg of priority per project over %,d todos"
                    .formatted(aggregates.todos()), options.aggregateConcurrency(),
                    (i, r) -> withNamespace(post(AGGREGATE), aggregates.namespace()),
                    (i, r) -> withNamespace(get("/todos/stats-by-project"), aggregates.namespace())));
        }
        all.removeIf(s -> !options.runs(s.name()));
        return all;
    }

    /**
     * @param projectId the project, or {@code null} for all projects
     * @return the page query: open todos from {@link #MIN_PRIORITY} on, soonest due first
     */
    static String openTodos(String projectId) {
        String project = projectId == null ? "" : "\"projectId\": \"" + projectId + "\", ";
        return ("{\"resource\": \"todos\", \"version\": 1, \"filters\": {%s\"completed\": false, \"priority\": "
                + "{\"gte\": %d}}, \"sort\": [\"dueDate:asc\"], \"limit\": %d}").formatted(project, MIN_PRIORITY, PAGE_LIMIT);
    }

    private static String idOrder(String paging) {
        return "{\"resource\": \"todos\", \"version\": 1, \"limit\": " + PAGING_LIMIT + paging + "}";
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private HttpRequest datafn(String dfql) {
        return post(dfql).build();
    }

    private HttpRequest baseline(String path) {
        return get(path).build();
    }

    private HttpRequest.Builder post(String dfql) {
        return HttpRequest.newBuilder(URI.create(base + "/datafn/query"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(dfql));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/baseline" + path)).timeout(REQUEST_TIMEOUT).GET();
    }

    private static HttpRequest withNamespace(HttpRequest.Builder request, String namespace) {
        return request.header(Bench.NAMESPACE_HEADER.defaultCase(), namespace).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
