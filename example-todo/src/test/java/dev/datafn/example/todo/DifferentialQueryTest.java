package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * H2 and PostgreSQL answer every generated query alike: the same generated records are written into both
 * ({@link DifferentialData}), the same generated queries ({@link DifferentialQueries}) are asked of both, and
 * the answers are compared as JSON ({@link DifferentialAnswers}), records, order, {@code hasMore},
 * {@code count}, cursors and refusals. Where DataFn's answer differed, one database was wrong by DFQL's
 * rules and the runtime was fixed; what the databases may legitimately answer differently is normalised
 * where it is compared, each with the README note it follows (DFQL, "H2 and PostgreSQL").
 *
 * <p>The seed is {@code datafn.test.diff.seed} (a fixed default, so CI runs the same queries each time) and
 * the number of queries {@code datafn.test.diff.queries} (default 2,500, shared between the tests: 60% record
 * queries, 15% cursor walks, 25% aggregations); a
 * failure names the seed, the case and the query. Runs only with a PostgreSQL server
 * ({@code datafn.test.pg.url}); without one the tests are skipped with that reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialQueryTest {

    private static final long SEED = Long.getLong("datafn.test.diff.seed", 20261205L);
    private static final int QUERIES = Integer.getInteger("datafn.test.diff.queries", 2_500);
    /** Todos written: enough for every operator to match some and miss others, few enough to walk often. */
    private static final int TODOS = 200;
    private static final ObjectWriter ASCII = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Differing cases reported before a test stops, so one bug does not hide the others behind it. */
    private static final int REPORTED = 10;

    /** The instant both engines' clocks read: each todo's creation instant while it is written. */
    private final AtomicReference<Instant> now = new AtomicReference<>();
    private final Namespace namespace = TestDatabases.uniqueNamespace("differential");
    private DataFn h2;
    private DataFn postgres;
    private DifferentialData data;
    private DifferentialQueries queries;

    /** Starts an engine on each database and writes the same records into both, each insert alike on both. */
    @BeforeAll
    void writeTheSameDataIntoBoth() {
        assumeTrue(TestDatabases.postgresConfigured(), "differential H2/PostgreSQL suite skipped: no PostgreSQL "
                + "server configured (-Ddatafn.test.pg.url=jdbc:postgresql://...)");
        Database postgresDatabase = TestDatabases.postgres();
        String collation = collation(postgresDatabase);
        // H2 orders strings by UTF-16 units; only a C collation orders them alike (README, DFQL, "H2 and
        // PostgreSQL"), so on another one string orders are expected to differ and are not compared.
        assumeTrue(collation.equals("C") || collation.startsWith("C.") || collation.equals("POSIX"),
                "differential H2/PostgreSQL suite skipped: the PostgreSQL database's collation is " + collation
                        + ", whose string order H2 does not follow; use a database created with LC_COLLATE C");
        h2 = engine(TestDatabases.h2());
        postgres = engine(postgresDatabase);
        data = new DifferentialData(SEED, TODOS);
        queries = new DifferentialQueries(data);
        now.set(Instant.parse("2026-01-01T00:00:00Z"));
        data.projects.forEach(p -> insertIntoBoth("projects", p));
        data.tags.forEach(t -> insertIntoBoth("tags", t));
        for (int i = 0; i < data.todos.size(); i++) {
            now.set(data.createdAt.get(i));
            insertIntoBoth("todos", data.todos.get(i));
        }
        now.set(null);
    }

    /** Closes both engines. */
    @AfterAll
    void closeEngines() {
        for (DataFn engine : new DataFn[] {h2, postgres}) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** Filters, sorts, select lists, expansions, limits, offsets and counts. */
    @Test
    void recordQueriesAnswerAlike() {
        compare("records", QUERIES * 6 / 10, queries::records, DifferentialAnswers::answer);
    }

    /**
     * Every page of a sorted query, each database following its own cursors: the same pages, and on each
     * database the pages together are the query answered in one page.
     */
    @Test
    void cursorWalksAnswerAlikePageByPage() {
        compare("pages", QUERIES * 15 / 100, queries::pages, DifferentialAnswers::walk);
    }

    /** groupBy, every aggregate function, having, sort over groups and aliases, limit and offset. */
    @Test
    void aggregationsAnswerAlike() {
        compare("aggregations", QUERIES * 25 / 100, queries::aggregation, DifferentialAnswers::answer);
    }

    private void compare(String label, int count, Function<SplittableRandom, ObjectNode> generator,
            Answering answering) {
        SplittableRandom random = new SplittableRandom(SEED ^ label.hashCode());
        DifferentialAnswers onH2 = new DifferentialAnswers(namespace);
        DifferentialAnswers onPostgres = new DifferentialAnswers(namespace);
        List<String> differences = new ArrayList<>();
        int refused = 0;
        long started = System.nanoTime();
        long cpuStarted = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < count && differences.size() < REPORTED; i++) {
            ObjectNode query = generator.apply(random);
            JsonNode left = answering.ask(onH2, h2, query);
            JsonNode right = answering.ask(onPostgres, postgres, query);
            String failure = failure(left, right);
            if (failure != null) {
                differences.add("seed %d, %s case %d: %s\n  query:      %s\n  H2:         %s\n  PostgreSQL: %s"
                        .formatted(SEED, label, i, failure, ascii(query), clip(left, failure),
                                clip(right, failure)));
            }
            if (left.has("error")) {
                refused++;
            }
        }
        System.out.printf("differential %s: %d queries (%d refused alike), %d statements per database, H2 %d ms, "
                + "PostgreSQL %d ms, %d ms in all (%d ms of this thread's CPU time), seed %d%n", label, count, refused,
                onH2.statements(), onH2.millis(), onPostgres.millis(), (System.nanoTime() - started) / 1_000_000,
                (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000, SEED);
        assertThat(differences).as("H2 and PostgreSQL answered differently (rerun with -Ddatafn.test.diff.seed=%d)",
                SEED).isEmpty();
        // Most generated queries are valid: a generator that only made refusals would compare nothing.
        assertThat(refused).as("refused queries").isLessThan(count / 4);
    }

    /** @return the JSON text with every character outside ASCII escaped, so any report shows it whole */
    private static String ascii(JsonNode json) {
        try {
            return ASCII.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How one test asks a query of one database: for an answer, or for a walk of its pages. */
    @FunctionalInterface
    private interface Answering {
        /**
         * @param answers the answers of the database
         * @param engine  its engine
         * @param query   the query
         * @return what is compared with the other database's
         */
        JsonNode ask(DifferentialAnswers answers, DataFn engine, ObjectNode query);
    }

    private void insertIntoBoth(String resource, ObjectNode record) {
        ObjectNode mutation = JsonNodeFactory.instance.objectNode().put("resource", resource).put("version", 1)
                .put("operation", "insert");
        mutation.set("record", record);
        String onH2 = outcome(h2, mutation);
        String onPostgres = outcome(postgres, mutation);
        assertThat(onPostgres).as("insert of %s", record).isEqualTo(onH2).isEqualTo("ok");
    }

    private String outcome(DataFn engine, ObjectNode mutation) {
        try {
            engine.mutate(namespace, "differential", mutation.deepCopy());
            return "ok";
        } catch (DataFnException e) {
            return e.code() + " at " + e.path() + ": " + e.getMessage();
        }
    }

    private static String collation(Database database) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             ResultSet r = c.createStatement().executeQuery(
                     "select datcollate from pg_database where datname = current_database()")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL database's collation", e);
        }
    }

    private DataFn engine(Database database) {
        return DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false)
                .clock(() -> {
                    Instant set = now.get();
                    return set != null ? set : Instant.now();
                })
                .limits(l -> l.maxLimit(TODOS + 50)).build();
    }

    /** @return why two answers fail the comparison, or {@code null} when they answer alike */
    private static String failure(JsonNode left, JsonNode right) {
        for (JsonNode answer : List.of(left, right)) {
            // An exception or an internal error is a bug on any database, even when both fail alike.
            String text = answer.toString();
            if (text.contains("\"" + DifferentialAnswers.UNCAUGHT + "\"") || text.contains("\"INTERNAL\"")) {
                return "an exception: " + clip(answer, "");
            }
        }
        for (JsonNode answer : List.of(left, right)) {
            // Within one database, the pages of a walk together are the query answered at once.
            if (answer.has("whole")) {
                String paged = DifferentialAnswers.firstDifference(answer.get("records"), answer.get("whole"));
                if (paged != null) {
                    return "on " + (answer == left ? "H2" : "PostgreSQL") + " the pages differ from one page "
                            + "at " + paged.replace("$", "$.records") + " (vs $.whole)";
                }
            }
        }
        String difference = DifferentialAnswers.firstDifference(left, right);
        return difference == null ? null : "answers differ at " + difference;
    }

    /**
     * @return the answer, cut to what a report can show: the object holding the first difference, where the
     *     failure names one, else the answer's beginning
     */
    private static String clip(JsonNode answer, String failure) {
        JsonNode shown = answer;
        int at = failure.indexOf('$');
        if (at >= 0) {
            String path = failure.substring(at + 1).split(" ")[0];
            String pointer = path.replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
            // The object holding the differing value, so its neighbours show what the row is.
            String parent = pointer.contains("/") ? pointer.substring(0, pointer.lastIndexOf('/')) : "";
            JsonNode found = answer.at(parent);
            shown = found.isMissingNode() ? answer : found;
        }
        String text = (shown == answer ? "" : "... ") + ascii(shown);
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
