package dev.datafn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write scenarios: idempotent todo inserts, each a DataFn mutation with {@code clientId} and
 * {@code mutationId} sent to {@code POST /datafn/mutation}, and the same JSON sent to the baseline's
 * {@code POST /baseline/todos}. Every request carries a new key and a new client-made id; the record's
 * content comes from the client's random source, so both sides write the same todos.
 *
 * <p>The writes go to namespaces of their own, emptied before the first run and after the last
 * ({@link TodoWrites#clear}), so the read scenarios' data stays as loaded.
 */
final class WriteScenarios {

    /** The start of every namespace the write scenarios write to, and of no other. */
    static final String NAMESPACE_PREFIX = "bench-write";

    /** The namespace single writers and shared writers write to. */
    static final String SHARED_NAMESPACE = NAMESPACE_PREFIX;

    /** The namespace of the batch scenarios. */
    static final String BATCH_NAMESPACE = NAMESPACE_PREFIX + "-batch";

    /** The namespace {@link WriteCheck} writes to. */
    static final String CHECK_NAMESPACE = NAMESPACE_PREFIX + "-check";

    /** The names of the write scenarios, for {@code --only}. */
    static final List<String> NAMES = List.of("insert-1", "insert-shared", "insert-spread", "insert-batch",
            "insert-transact");

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final LocalDate FIRST_DUE = LocalDate.of(2026, 1, 1);
    private static final String[] VERBS = {"Call", "Email", "Fix", "Write", "Review", "Buy", "Plan", "Clean"};
    private static final String[] NOUNS = {"the plumber", "the report", "the budget", "groceries", "the release",
        "the garden", "the dentist", "the slides"};

    private final String base;
    private final BenchOptions options;

    /** Makes every mutationId of this process unique, across sides, rounds and scenarios. */
    private final AtomicLong mutations = new AtomicLong();

    /**
     * @param base    the server, e.g. {@code http://127.0.0.1:41234}
     * @param options the options
     */
    WriteScenarios(String base, BenchOptions options) {
        this.base = base;
        this.options = options;
    }

    /** @return whether any write scenario runs */
    static boolean any(BenchOptions options) {
        return NAMES.stream().anyMatch(options::runs);
    }

    /** @param client a writer @return the namespace it writes to alone */
    static String ownNamespace(int client) {
        return SHARED_NAMESPACE + "-" + client;
    }

    /** @return the write scenarios this run includes */
    List<Scenario> build() {
        int w = options.writers();
        int batch = options.batchSize();
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("insert-1", "idempotent insert, one writer", 1, 1,
                (i, r) -> datafn(SHARED_NAMESPACE, one(Scenario.Side.DATAFN, i, r)),
                (i, r) -> baseline(SHARED_NAMESPACE, "/todos", one(Scenario.Side.BASELINE, i, r))));
        all.add(new Scenario("insert-shared", "idempotent insert, %d writers in one namespace".formatted(w), w, 1,
                (i, r) -> datafn(SHARED_NAMESPACE, one(Scenario.Side.DATAFN, i, r)),
                (i, r) -> baseline(SHARED_NAMESPACE, "/todos", one(Scenario.Side.BASELINE, i, r))));
        all.add(new Scenario("insert-spread", "idempotent insert, %d writers, a namespace each".formatted(w), w, 1,
                (i, r) -> datafn(ownNamespace(i), one(Scenario.Side.DATAFN, i, r)),
                (i, r) -> baseline(ownNamespace(i), "/todos", one(Scenario.Side.BASELINE, i, r))));
        all.add(new Scenario("insert-batch", "batch of %d idempotent inserts per request (DataFn: a mutation array,"
                .formatted(batch) + " a transaction each), one writer", 1, batch,
                (i, r) -> datafn(BATCH_NAMESPACE, batch(Scenario.Side.DATAFN, i, r, batch)),
                (i, r) -> baseline(BATCH_NAMESPACE, "/todos/batch", batch(Scenario.Side.BASELINE, i, r, batch))));
        all.add(new Scenario("insert-transact", "batch of %d idempotent inserts per request (DataFn: one atomic"
                .formatted(batch) + " transact), one writer", 1, batch,
                (i, r) -> transact(BATCH_NAMESPACE, steps(Scenario.Side.DATAFN, i, r, batch)),
                (i, r) -> baseline(BATCH_NAMESPACE, "/todos/batch", batch(Scenario.Side.BASELINE, i, r, batch))));
        all.removeIf(s -> !options.runs(s.name()));
        return all;
    }

    /**
     * One idempotent insert as DataFn's mutation JSON. Both sides draw the same values from the same
     * seed; the key's client id names the side, so their keys never meet.
     *
     * @param side   the side the request goes to
     * @param client the writer
     * @param random the writer's random source
     * @return the mutation JSON
     */
    String one(Scenario.Side side, int client, SplittableRandom random) {
        long n = mutations.incrementAndGet();
        String id = TodoIds.next("td", System.currentTimeMillis(), random);
        String title = VERBS[random.nextInt(VERBS.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " #"
                + random.nextInt(1_000_000);
        int priority = random.nextInt(6);
        LocalDate due = FIRST_DUE.plusDays(random.nextInt(365));
        String project = "pj_bench" + random.nextInt(100);
        return ("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"clientId\": \"bench-%s-%d\","
                + " \"mutationId\": \"m-%d\", \"id\": \"%s\", \"record\": {\"title\": \"%s\", \"priority\": %d,"
                + " \"dueDate\": \"%s\", \"projectId\": \"%s\"}}")
                .formatted(side.label().toLowerCase(), client, n, id, title, priority, due, project);
    }

    /**
     * @param side   the side the request goes to
     * @param client the writer
     * @param random the writer's random source
     * @param size   the inserts
     * @return a JSON array of {@code size} inserts
     */
    String batch(Scenario.Side side, int client, SplittableRandom random, int size) {
        StringBuilder out = new StringBuilder(size * 260).append('[');
        for (int k = 0; k < size; k++) {
            out.append(k == 0 ? "" : ",").append(one(side, client, random));
        }
        return out.append(']').toString();
    }

    /**
     * @param side   the side the request goes to
     * @param client the writer
     * @param random the writer's random source
     * @param size   the inserts
     * @return a transaction of {@code size} insert steps, as {@code POST /datafn/transact} takes it
     */
    String steps(Scenario.Side side, int client, SplittableRandom random, int size) {
        StringBuilder out = new StringBuilder(size * 275).append("{\"steps\": [");
        for (int k = 0; k < size; k++) {
            out.append(k == 0 ? "" : ",").append("{\"mutation\": ").append(one(side, client, random)).append('}');
        }
        return out.append("]}").toString();
    }
    /**
     * @param namespace the namespace
     * @param body      a mutation or an array of them
     * @return DataFn's request
     */
    HttpRequest datafn(String namespace, String body) {
        return post(namespace, "/datafn/mutation", body);
    }

    /**
     * @param namespace the namespace
     * @param body      a transaction
     * @return DataFn's request
     */
    HttpRequest transact(String namespace, String body) {
        return post(namespace, "/datafn/transact", body);
    }

    /**
     * @param namespace the namespace
     * @param path      the baseline's path under {@code /baseline}
     * @param body      the same JSON DataFn gets
     * @return the baseline's request
     */
    HttpRequest baseline(String namespace, String path, String body) {
        return post(namespace, "/baseline" + path, body);
    }

    /**
     * @param namespace the namespace header
     * @param path      the path on the server, e.g. {@code /datafn/push}
     * @param body      the JSON body
     * @return the request
     */
    HttpRequest post(String namespace, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(Bench.NAMESPACE_HEADER.defaultCase(), namespace)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
