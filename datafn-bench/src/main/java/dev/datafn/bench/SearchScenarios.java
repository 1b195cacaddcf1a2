package dev.datafn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The search scenarios.
 *
 * <ul>
 * <li>{@code search-word}, {@code search-prefix}, {@code search-fuzzy}: 20 todos for a word of the
 *     generated titles (each in about 1 in 12 of them), for the first three letters of one, and for one
 *     misspelt by one letter, through DataFn's {@code POST /datafn/search} and through the baseline's
 *     PostgreSQL full-text search ({@link BaselineSearch}); PostgreSQL only.</li>
 * <li>{@code search-insert-1}, {@code search-insert-shared}: the idempotent inserts of {@code insert-1} and
 *     {@code insert-shared}, through DataFn with its search index (the DataFn side) and through the same
 *     engine built with {@code search(false)} (the baseline side, mounted at {@value #UNINDEXED_PATH}), each
 *     side in a namespace of its own so neither indexes the other's writes.</li>
 * </ul>
 */
final class SearchScenarios {

    /** The names of the search read scenarios, for {@code --only}. */
    static final List<String> READS = List.of("search-word", "search-prefix", "search-fuzzy");

    /** The names of the indexing write scenarios, for {@code --only}. */
    static final List<String> WRITES = List.of("search-insert-1", "search-insert-shared");

    /** The names of every search scenario; {@code --only search} runs them all. */
    static final List<String> NAMES = List.of("search-word", "search-prefix", "search-fuzzy", "search-insert-1",
            "search-insert-shared");

    /** Results of one search, on both sides. */
    static final int LIMIT = 20;

    /** DataFn's {@code fuzzy} of the typo scenario: one edit (see TextSearch). */
    static final double FUZZY = 0.5;

    /** Where the engine without a search index serves DataFn's protocol. */
    static final String UNINDEXED_PATH = "/datafn-unindexed";

    /** The namespace the engine with the index writes to; emptied with the other write namespaces. */
    static final String INDEXED_NAMESPACE = WriteScenarios.NAMESPACE_PREFIX + "-indexed";

    /** The namespace the engine without the index writes to. */
    static final String UNINDEXED_NAMESPACE = WriteScenarios.NAMESPACE_PREFIX + "-unindexed";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** What a search scenario asks for, and what every result must then hold. */
    enum Kind {
        /** A whole word of the titles. */
        WORD("search-word", "words", List.of(
                new Term("plumber", "plumber"), new Term("report", "report"), new Term("budget", "budget"),
                new Term("groceries", "groceries"), new Term("release", "release"), new Term("garden", "garden"),
                new Term("dentist", "dentist"), new Term("slides", "slides"), new Term("invoice", "invoice"),
                new Term("backlog", "backlog"))),
        /** The first three letters of a word, as typed into a search box. */
        PREFIX("search-prefix", "prefix", List.of(
                new Term("plu", "plu"), new Term("rep", "rep"), new Term("bud", "bud"), new Term("gro", "gro"),
                new Term("rel", "rel"), new Term("gar", "gar"), new Term("den", "den"), new Term("sli", "sli"),
                new Term("inv", "inv"), new Term("bac", "bac"))),
        /**
         * A word with one typo. The typos are ones pg_trgm finds (a letter left out, changed or added towards
         * the end of the word); swapped or early letters change too many of its trigrams.
         */
        FUZZY("search-fuzzy", "fuzzy", List.of(
                new Term("plumbr", "plumber"), new Term("groceris", "groceries"), new Term("gardn", "garden"),
                new Term("budgex", "budget"), new Term("slidez", "slides"), new Term("backlg", "backlog")));

        private final String scenario;
        private final String parameter;
        private final List<Term> terms;

        Kind(String scenario, String parameter, List<Term> terms) {
            this.scenario = scenario;
            this.parameter = parameter;
            this.terms = terms;
        }

        /** @return the scenario's name */
        String scenario() {
            return scenario;
        }

        /** @return the terms the scenario draws from */
        List<Term> terms() {
            return terms;
        }

        /** @param word a word of a result @param term the term searched @return whether it is the one sought */
        boolean matches(String word, Term term) {
            String lower = word.toLowerCase(Locale.ROOT);
            return this == PREFIX ? lower.startsWith(term.expected()) : lower.equals(term.expected());
        }
    }

    /**
     * One search.
     *
     * @param query    what is sent
     * @param expected the word every result holds (for a prefix: the start of such a word)
     */
    record Term(String query, String expected) {
    }

    private final String base;
    private final BenchOptions options;
    private final WriteScenarios writes;

    /**
     * @param base    the server, e.g. {@code http://127.0.0.1:41234}
     * @param options the options
     * @param writes  builds the inserts of the indexing scenarios
     */
    SearchScenarios(String base, BenchOptions options, WriteScenarios writes) {
        this.base = base;
        this.options = options;
        this.writes = writes;
    }

    /** @return whether any search scenario runs */
    static boolean any(BenchOptions options) {
        return NAMES.stream().anyMatch(options::runs);
    }

    /** @return whether a search read scenario runs */
    static boolean anyReads(BenchOptions options) {
        return READS.stream().anyMatch(options::runs);
    }

    /** @return whether an indexing write scenario runs (it needs the engine without an index) */
    static boolean anyWrites(BenchOptions options) {
        return WRITES.stream().anyMatch(options::runs);
    }

    /**
     * Times the build of the namespace's index: the first search after the start catches the namespace up,
     * and with its change log pruned ({@link DataGenerator#recordAsPruned}) that indexes every record anew.
     *
     * @param datafn    an engine that has not searched yet
     * @param namespace the namespace
     * @param records   the searchable records the namespace holds, for the rate
     * @return the line to print
     * @throws Exception when the search fails, or finds nothing
     */
    static String timeIndexBuild(DataFn datafn, String namespace, long records) throws Exception {
        JsonNode request = Json.MAPPER.readTree("{\"query\": \"plumber\", \"resources\": [\"todos\"], \"limit\": 1}");
        long started = System.nanoTime();
        JsonNode first = datafn.search(Namespace.of(namespace), request);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (first.path("results").isEmpty()) {
            throw new IllegalStateException("the first search found nothing: the index holds no todo");
        }
        started = System.nanoTime();
        datafn.search(Namespace.of(namespace), request);
        double next = (System.nanoTime() - started) / 1e9;
        return "search index  %,d records indexed in %.1f s (%,.0f records/s) by the first search after the start;"
                .formatted(records, seconds, records / seconds) + " the next search took %.1f ms".formatted(next * 1000);
    }

    /**
     * After the indexing scenarios: how long the first search of the indexed namespace waits for its catch-up
     * (what the background indexing had not done yet when the writes stopped), and that it finds the writes.
     *
     * @param datafn the engine with the index
     * @return the line to print
     * @throws Exception when the search fails, or finds none of the writes
     */
    static String indexedAfterWrites(DataFn datafn) throws Exception {
        JsonNode request = Json.MAPPER.readTree("{\"query\": \"plumber\", \"resources\": [\"todos\"], \"limit\": 1}");
        long started = System.nanoTime();
        JsonNode found = datafn.search(Namespace.of(INDEXED_NAMESPACE), request);
        double millis = (System.nanoTime() - started) / 1e6;
        if (found.path("results").isEmpty()) {
            throw new IllegalStateException("a search of " + INDEXED_NAMESPACE + " finds none of the todos written there");
        }
        return ("search index  after the indexing runs, the first search of '%s' took %.1f ms (with what was left"
                + " to index) and finds the written todos").formatted(INDEXED_NAMESPACE, millis);
    }

    /**
     * @param baselineReads whether the baseline can search (PostgreSQL); without it the read scenarios are left out
     * @param fuzzy         whether the baseline has pg_trgm for typos
     * @return the search scenarios this run includes
     */
    List<Scenario> build(boolean baselineReads, boolean fuzzy) {
        List<Scenario> all = new ArrayList<>();
        if (baselineReads) {
            for (Kind kind : Kind.values()) {
                if (kind == Kind.FUZZY && !fuzzy) {
                    continue;
                }
                String what = switch (kind) {
                    case WORD -> "%d todos holding a word (one of %d, each in about 1 in 12 todos)";
                    case PREFIX -> "%d todos holding a word that starts with 3 given letters (one of %d)";
                    case FUZZY -> "%d todos holding a word misspelt by one letter (one of %d)";
                };
                all.add(Scenario.read(kind.scenario(), what.formatted(LIMIT, kind.terms().size()),
                        options.concurrency(),
                        (i, r) -> datafn(kind, pick(r, kind.terms())),
                        (i, r) -> baseline(kind, pick(r, kind.terms()))));
            }
        }
        int w = options.writers();
        all.add(new Scenario("search-insert-1", "idempotent insert, one writer: DataFn with its search index"
                + " against the same engine without (baseline column)", 1, 1,
                (i, r) -> writes.post(INDEXED_NAMESPACE, "/datafn/mutation", writes.one(Scenario.Side.DATAFN, i, r)),
                (i, r) -> writes.post(UNINDEXED_NAMESPACE, UNINDEXED_PATH + "/mutation",
                        writes.one(Scenario.Side.BASELINE, i, r))));
        all.add(new Scenario("search-insert-shared", ("idempotent insert, %d writers in one namespace: DataFn with"
                + " its search index against the same engine without (baseline column)").formatted(w), w, 1,
                (i, r) -> writes.post(INDEXED_NAMESPACE, "/datafn/mutation", writes.one(Scenario.Side.DATAFN, i, r)),
                (i, r) -> writes.post(UNINDEXED_NAMESPACE, UNINDEXED_PATH + "/mutation",
                        writes.one(Scenario.Side.BASELINE, i, r))));
        all.removeIf(s -> !options.runs(s.name()));
        return all;
    }

    /**
     * @param kind what is asked
     * @param term the term
     * @return DataFn's request: {@code POST /datafn/search} over the todos
     */
    HttpRequest datafn(Kind kind, Term term) {
        String options = switch (kind) {
            case WORD -> "";
            case PREFIX -> ", \"prefix\": true";
            case FUZZY -> ", \"fuzzy\": " + FUZZY;
        };
        String body = "{\"query\": \"%s\", \"resources\": [\"todos\"], \"limit\": %d%s}"
                .formatted(term.query(), LIMIT, options);
        return HttpRequest.newBuilder(URI.create(base + "/datafn/search"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * @param kind what is asked
     * @param term the term
     * @return the baseline's request for the same todos
     */
    HttpRequest baseline(Kind kind, Term term) {
        String query = "/baseline/search?%s=%s&limit=%d".formatted(kind.parameter,
                URLEncoder.encode(term.query(), StandardCharsets.UTF_8), LIMIT);
        return HttpRequest.newBuilder(URI.create(base + query)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private static Term pick(SplittableRandom random, List<Term> terms) {
        return terms.get(random.nextInt(terms.size()));
    }
}
