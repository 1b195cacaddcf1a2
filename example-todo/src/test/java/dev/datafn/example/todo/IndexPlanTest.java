package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.datafn.DataFn;
import dev.datafn.db.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example's typical pages, as the engine sends them, are read in order from an index on PostgreSQL: no plan
 * sorts rows or reads the whole table, over enough todos (analyzed) that the planner prefers indexes to scans.
 * The statements are captured with their values from the engine's own connection ({@link StatementCapture}) and
 * explained with those values ({@link ExplainCommand}, which the {@code explain} command prints). A keyset page in
 * id order is one range of the primary key {@code (namespace, id)}, though another namespace's ids lie between the
 * page's own. The same connection shows that a page's SQL is one text whatever its values, so after the driver's
 * threshold it is one server-side prepared statement that every later execution runs. PostgreSQL only: plans are
 * the point.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(names = "POSTGRESQL")
class IndexPlanTest extends AbstractEngineTest {

    private static final int TODOS = 20_000;
    private static final int PROJECTS = 20;

    private final Namespace ns = TestDatabases.uniqueNamespace("plans");
    /** Holds two todos between each two of {@link #ns}'s in id order, as namespaces whose ids interleave do. */
    private final Namespace neighbour = TestDatabases.uniqueNamespace("neighbour");
    private StatementCapture capture;
    private DataFn captured;

    @BeforeParameterizedClassInvocation
    void seed() throws SQLException {
        capture = new StatementCapture(database.jdbcUrl(), database.user(), database.password());
        captured = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false)
                .limits(l -> l.maxLimit(50))
                .hibernateProperty("hibernate.connection.provider_class", capture).build();
        Random random = new Random(14);
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                PreparedStatement insert = c.prepareStatement("insert into todos (namespace, id, title, completed, "
                        + "priority, due_date, project_id) values (?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < TODOS; i++) {
                insert.setString(1, ns.value());
                insert.setString(2, "td_%06d".formatted(i));
                insert.setString(3, "todo " + i);
                insert.setBoolean(4, random.nextInt(10) < 3);
                insert.setInt(5, random.nextInt(6));
                insert.setDate(6, random.nextInt(100) < 85
                        ? Date.valueOf(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365))) : null);
                insert.setString(7, "pr_" + random.nextInt(PROJECTS));
                insert.addBatch();
                for (String id : List.of("td_%06d".formatted(i), "td_%06d_b".formatted(i))) {
                    insert.setString(1, neighbour.value());
                    insert.setString(2, id);
                    insert.setString(3, "neighbour's todo " + id);
                    insert.setBoolean(4, false);
                    insert.setNull(5, Types.INTEGER);
                    insert.setNull(6, Types.DATE);
                    insert.setNull(7, Types.VARCHAR);
                    insert.addBatch();
                }
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("analyze todos");
            }
            c.commit();
        }
    }

    @AfterParameterizedClassInvocation
    void close() throws SQLException {
        if (captured != null) {
            captured.close();
            capture.close();
        }
    }

    /** The bench's read scenarios (datafn-bench {@code Scenarios}) and the page by priority of issue 14. */
    private List<JsonNode> typicalQueries() {
        String open = "{\"resource\": \"todos\", \"version\": 1, \"filters\": {%s\"completed\": false, "
                + "\"priority\": {\"gte\": 3}}, \"sort\": [\"dueDate:asc\"], \"limit\": 20}";
        QueryResult first = captured.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 10}"));
        assertThat(first.nextCursor()).isNotNull();
        return List.of(
                json(open.formatted("")),
                json(open.formatted("\"projectId\": \"pr_7\", ")),
                json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 10}"),
                json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 10, \"cursor\": \"%s\"}"
                        .formatted(first.nextCursor())),
                json("{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"completed\": false}, "
                        + "\"sort\": [\"priority:desc\"], \"limit\": 20}"));
    }

    @Test
    void typicalPagesAreReadInOrderFromAnIndex() throws SQLException {
        List<ExplainedQuery> explained = ExplainCommand.explain(captured, capture, ns, typicalQueries());

        String report = ExplainCommand.text(new ExplainCommand.Report(explained));
        for (ExplainedQuery query : explained) {
            assertThat(query.refusal()).as(report).isNull();
            assertThat(query.statements()).as(report).isNotEmpty();
            assertThat(query.needsIndex()).as(report).isFalse();
        }
        assertThat(indexesRead(explained.get(0))).as(report).contains("todos_completed_due_date_idx");
        assertThat(indexesRead(explained.get(1))).as(report).contains("todos_project_id_completed_due_date_idx");
        assertThat(indexesRead(explained.get(4))).as(report).contains("todos_completed_priority_desc_idx");
        assertThat(report).endsWith("All 5 queries are served by indexes in their order.");
    }

    @Test
    void aKeysetPageIsOneRangeOfThePrimaryKeyThoughAnotherNamespacesIdsLieBetweenItsOwn() throws SQLException {
        QueryResult first = captured.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 10}"));
        JsonNode next = json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 10, \"cursor\": \"%s\"}"
                .formatted(first.nextCursor()));

        ExplainedQuery query = ExplainCommand.explain(captured, capture, ns, List.of(next)).getFirst();
        CapturedStatement page = query.statements().getFirst().statement();
        JsonNode scan = nodeReading("todos", plan(page));

        String shown = page + "\n" + scan.toPrettyString();
        assertThat(page.sql()).as(shown).containsPattern("namespace ?= ?\\?").containsPattern("id ?> ?\\?")
                .containsPattern("order by \\w+\\.id fetch first \\? rows only");
        assertThat(TableKeys.primaryKey(database, "todos")).isEqualTo(TableKeys.NAMESPACE_FIRST);
        assertThat(scan.path("Node Type").asText()).as(shown).isEqualTo("Index Scan");
        assertThat(scan.path("Index Name").asText()).as(shown).isEqualTo("todos_pkey");
        // PostgreSQL writes an index's conditions in its columns' order: the namespace bounds the range, then
        // the id starts it. Keyed (id, namespace), the conditions were the other way round, and the scan stepped
        // over the neighbour's ids as it went.
        assertThat(scan.path("Index Cond").asText()).as(shown)
                .matches("\\(+namespace\\)?::text = .* AND \\(+id\\)?::text > .*");
        assertThat(scan.has("Filter")).as("no row is read to be dropped: " + shown).isFalse();
        assertThat(query.needsIndex()).as(shown).isFalse();
    }

    @Test
    void aPageNoIndexServesIsNamedWithTheIndexThatWould() throws SQLException {
        JsonNode byTitle = json("{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"completed\": true}, "
                + "\"sort\": [\"title:desc\"], \"limit\": 20}");

        ExplainedQuery query = ExplainCommand.explain(captured, capture, ns, List.of(byTitle)).getFirst();

        assertThat(query.needsIndex()).isTrue();
        assertThat(query.statements().getFirst().plan().problems()).anyMatch(p -> p.startsWith("sorts ~"));
        assertThat(query.advice()).contains("@Index(fields = {\"completed\", \"title:desc\"})");
        assertThat(ExplainCommand.text(new ExplainCommand.Report(List.of(query))))
                .contains("an index that serves it: @Index(fields = {\"completed\", \"title:desc\"})")
                .endsWith("1 of 1 queries sort rows or read a whole table: 1.");
    }

    @Test
    void aPageIsOneServerSidePreparedStatementWhateverItsValues() throws SQLException {
        capture.onConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("deallocate all");
            }
            return null;
        });
        int executions = 12;
        for (int i = 0; i < executions; i++) {
            captured.query(ns, json(("{\"resource\": \"todos\", \"version\": 1, \"filters\": {\"projectId\": "
                    + "\"pr_%d\", \"completed\": false, \"priority\": {\"gte\": %d}}, \"sort\": [\"dueDate:asc\"], "
                    + "\"limit\": %d}").formatted(i % PROJECTS, i % 6, 5 + i)));
        }
        List<CapturedStatement> sent = capture.drain().stream()
                .filter(s -> s.isSelect() && s.sql().contains("due_date")).toList();
        assertThat(sent).hasSize(executions);
        assertThat(sent.stream().map(CapturedStatement::sql).distinct()).as("one SQL text for every value")
                .hasSize(1);

        List<long[]> plans = capture.onConnection(c -> {
            List<long[]> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select statement, generic_plans, custom_plans "
                            + "from pg_prepared_statements where statement like '%due_date%'")) {
                while (rows.next()) {
                    out.add(new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
            return out;
        });
        assertThat(plans).as("the page is one server-side prepared statement").hasSize(1);
        long generic = plans.getFirst()[0];
        long custom = plans.getFirst()[1];
        // Which plan PostgreSQL makes of it each time is its choice: under plan_cache_mode = auto it keeps making
        // custom plans, since a generic plan cannot see the page size; the README's "Reads" says how to force it.
        assertThat(generic + custom).as("the executions from the driver's threshold (prepareThreshold=5) on ran it")
                .isBetween((long) executions - 4, (long) executions);
    }

    /** @return PostgreSQL's plan of the statement with its values, {@code EXPLAIN (FORMAT JSON)} */
    private JsonNode plan(CapturedStatement statement) throws SQLException {
        return capture.onConnection(c -> {
            try (PreparedStatement explain = statement.prepare(c, "EXPLAIN (FORMAT JSON) ");
                    ResultSet rows = explain.executeQuery()) {
                rows.next();
                return Json.MAPPER.readTree(rows.getString(1)).path(0).path("Plan");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** @return the plan node that reads the table, or a missing node */
    private static JsonNode nodeReading(String table, JsonNode node) {
        if (table.equals(node.path("Relation Name").asText())) {
            return node;
        }
        for (JsonNode child : node.path("Plans")) {
            JsonNode found = nodeReading(table, child);
            if (!found.isMissingNode()) {
                return found;
            }
        }
        return MissingNode.getInstance();
    }

    private static List<String> indexesRead(ExplainedQuery query) {
        return query.statements().stream().flatMap(s -> s.plan().indexes().stream()).toList();
    }
}
