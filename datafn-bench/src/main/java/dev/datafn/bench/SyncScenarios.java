package dev.datafn.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The sync scenarios, each against the hand-written baseline in the same run:
 *
 * <ul>
 *   <li>{@code pull-10k}, {@code pull-100k}, {@code pull-1m}: a pull of 1,000 todo changes from a random
 *       cursor, in namespaces whose change log holds 10,000, 100,000 and 1,000,000 records; the time
 *       should not grow with the log.</li>
 *   <li>{@code clone-100k}: a clone of the 100,000 todos the read scenarios use (DataFn streams it).</li>
 *   <li>{@code push-1000}: offline inserts pushed 500 per request (DataFn's {@code maxBatchSize}); the
 *       baseline takes them as its batch of 500.</li>
 *   <li>{@code writers-db}, {@code writers-redis}, {@code writers-kv}: the {@code insert-shared} load (8
 *       writers, one namespace) against DataFn with each sequence store.</li>
 * </ul>
 */
final class SyncScenarios {

    /** The names of the sync scenarios, for {@code --only}. */
    static final List<String> NAMES = List.of("pull-10k", "pull-100k", "pull-1m", "clone-100k", "push-1000",
            "writers-db", "writers-redis", "writers-kv");

    /** The change-log sizes of the pull scenarios, by scenario. */
    static final List<Integer> LOG_SIZES = List.of(10_000, 100_000, 1_000_000);

    /** The changes one pull reads. */
    private static final int PULL = 1_000;

    private final WriteScenarios writes;
    private final BenchOptions options;

    /**
     * @param writes  builds write requests (the push and writer scenarios reuse its inserts)
     * @param options the options
     */
    SyncScenarios(WriteScenarios writes, BenchOptions options) {
        this.writes = writes;
        this.options = options;
    }

    /** @return whether any sync scenario runs */
    static boolean any(BenchOptions options) {
        return NAMES.stream().anyMatch(options::runs);
    }

    /** @param size a change-log size @return the namespace holding a log of that size */
    static String pullNamespace(int size) {
        return "bench-pull-" + size;
    }

    /** @param size a change-log size @return its pull scenario's name */
    static String pullScenario(int size) {
        return "pull-" + (size >= 1_000_000 ? size / 1_000_000 + "m" : size / 1_000 + "k");
    }

    /** @return the sync scenarios this run includes */
    List<Scenario> build() {
        List<Scenario> all = new ArrayList<>();
        for (int size : LOG_SIZES) {
            String ns = pullNamespace(size);
            all.add(Scenario.read(pullScenario(size), "pull of %,d changes from a random cursor, change log of %,d"
                    .formatted(PULL, size), 1,
                    (i, r) -> writes.post(ns, "/datafn/pull", pullBody(r, size)),
                    (i, r) -> writes.post(ns, "/baseline/pull", pullBody(r, size))));
        }
        String clone = "{\"version\": 1, \"tables\": [\"todos\"]}";
        all.add(Scenario.read("clone-100k", "clone of the %,d todos of one namespace".formatted(options.rows()), 1,
                (i, r) -> writes.post(Bench.NAMESPACE, "/datafn/clone", clone),
                (i, r) -> writes.post(Bench.NAMESPACE, "/baseline/clone", clone)));
        int batch = options.batchSize();
        String pushNamespace = WriteScenarios.NAMESPACE_PREFIX + "-push";
        all.add(new Scenario("push-1000", "push of offline inserts, %d per request".formatted(batch), 1, batch,
                (i, r) -> writes.post(pushNamespace, "/datafn/push",
                        "{\"version\": 1, \"mutations\": " + writes.batch(Scenario.Side.DATAFN, i, r, batch) + "}"),
                (i, r) -> writes.post(pushNamespace, "/baseline/todos/batch",
                        writes.batch(Scenario.Side.BASELINE, i, r, batch))));
        int w = options.writers();
        for (String store : List.of("db", "redis", "kv")) {
            String ns = WriteScenarios.NAMESPACE_PREFIX + "-" + store;
            String path = store.equals("db") ? "/datafn/mutation" : "/datafn-" + store + "/mutation";
            all.add(new Scenario("writers-" + store, "idempotent insert, %d writers in one namespace, %s sequence store"
                    .formatted(w, store), w, 1,
                    (i, r) -> writes.post(ns, path, writes.one(Scenario.Side.DATAFN, i, r)),
                    // A namespace of its own: the baseline's database counter must not meet the store's seqs.
                    (i, r) -> writes.post(ns + "-baseline", "/baseline/todos", writes.one(Scenario.Side.BASELINE, i, r))));
        }
        all.removeIf(s -> !options.runs(s.name()));
        return all;
    }

    /**
     * @param random the client's random source
     * @param size   the change-log size of the namespace pulled
     * @return a pull of 1,000 todo changes from a random cursor of the log
     */
    static String pullBody(java.util.SplittableRandom random, int size) {
        return "{\"version\": 1, \"cursors\": {\"todos\": \"" + random.nextInt(size - PULL) + "\"}, \"limit\": " + PULL + "}";
    }
}
