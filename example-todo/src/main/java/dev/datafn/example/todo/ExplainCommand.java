package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.db.Database;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain <workload.json> [--namespace NS]}: runs each DFQL query of a workload (a JSON array of queries,
 * or one query) through the engine on the configured PostgreSQL database, captures the statements it sends with
 * their values, and prints each one's SQL and PostgreSQL's plan for those values; it names the queries whose plan
 * sorts rows or reads a whole table, each with the {@code @Index} that would serve it. The plans are those of the
 * database's data and statistics, so run it against production-like data (after {@code ANALYZE}). It exits 3
 * when some query needs an index, so a build can run a workload and fail on a query that lost its index.
 */
@Command(name = "explain", description = "Prints PostgreSQL's plan of each query of a workload and names those "
        + "an index would serve better; exits 3 when there are some.")
final class ExplainCommand implements Callable<Integer> {

    /** The exit status when some query of the workload sorts rows or reads a whole table. */
    static final int NEEDS_INDEXES = 3;

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<workload.json>", description = "A JSON array of DFQL queries, or one query.")
    private Path workload;

    @Option(names = "--namespace", paramLabel = "NS", description = "The namespace the queries read "
            + "(default: datafn).")
    private String namespace;

    /** @param configuration the configuration naming the PostgreSQL database */
    ExplainCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Integer call() {
        Report report = run(configuration.get(), workload,
                namespace == null ? Namespace.DEFAULT : Namespace.of(namespace));
        spec.commandLine().getOut().println(text(report));
        return report.needingIndexes() > 0 ? NEEDS_INDEXES : 0;
    }

    /**
     * What the command found.
     *
     * @param queries each query of the workload, in order
     */
    record Report(List<ExplainedQuery> queries) {

        /** Copies the list. */
        Report {
            queries = List.copyOf(queries);
        }

        /** @return the queries a plan of which sorts or reads a whole table */
        long needingIndexes() {
            return queries.stream().filter(ExplainedQuery::needsIndex).count();
        }
    }

    /**
     * @param config       the configuration root
     * @param workloadFile the workload
     * @param namespace    the namespace the queries read
     * @return what was found; {@link #text} prints it
     * @throws IllegalArgumentException for an unreadable workload
     * @throws IllegalStateException    when the configured database is not PostgreSQL
     */
    static Report run(Config config, Path workloadFile, Namespace namespace) {
        List<JsonNode> workload = workload(workloadFile);
        Database database = Main.database(config);
        if (!database.isPostgres()) {
            throw new IllegalStateException("explain shows PostgreSQL's plans, and the configured database is "
                    + database.jdbcUrl() + "; set DATAFN_DB_URL (and DATAFN_DB_USER, DATAFN_DB_PASSWORD) to the "
                    + "PostgreSQL database whose plans you want");
        }
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS);
        try (StatementCapture capture = new StatementCapture(database.jdbcUrl(), database.user(),
                        database.password());
                DataFn datafn = Main.engine(settings).search(false)
                        .hibernateProperty("hibernate.connection.provider_class", capture).build()) {
            return new Report(explain(datafn, capture, namespace, workload));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach " + database.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs each query and explains the statements it sent.
     *
     * @param datafn    an engine whose Hibernate connections come from {@code capture}
     * @param capture   the engine's connections
     * @param namespace the namespace the queries read
     * @param workload  the queries
     * @return each query with its statements and their plans
     * @throws SQLException when the database fails to explain a statement
     */
    static List<ExplainedQuery> explain(DataFn datafn, StatementCapture capture, Namespace namespace,
            List<JsonNode> workload) throws SQLException {
        List<ExplainedQuery> out = new ArrayList<>();
        for (JsonNode dfql : workload) {
            capture.drain();
            try {
                datafn.query(namespace, dfql);
            } catch (DataFnException refused) {
                out.add(new ExplainedQuery(dfql, List.of(), java.util.Optional.empty(),
                        refused.code() + ": " + refused.getMessage()));
                continue;
            }
            List<ExplainedQuery.Explained> statements = new ArrayList<>();
            for (CapturedStatement statement : capture.drain()) {
                if (statement.isSelect()) {
                    statements.add(new ExplainedQuery.Explained(statement, plan(capture, statement)));
                }
            }
            out.add(new ExplainedQuery(dfql, statements, IndexAdvice.forQuery(dfql), null));
        }
        return out;
    }

    private static PostgresPlan plan(StatementCapture capture, CapturedStatement statement) throws SQLException {
        return capture.onConnection(connection -> {
            try (PreparedStatement explain = statement.prepare(connection, "EXPLAIN (FORMAT JSON) ");
                    ResultSet rows = explain.executeQuery()) {
                rows.next();
                return PostgresPlan.of(Json.MAPPER.readTree(rows.getString(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<JsonNode> workload(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the workload " + file + ": " + e.getMessage()
                    + "\n  the workload is a JSON array of DFQL queries", e);
        }
        List<JsonNode> queries = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(queries::add);
        } else if (root != null && root.isObject()) {
            queries.add(root);
        }
        if (queries.isEmpty() || queries.stream().anyMatch(q -> !q.isObject())) {
            throw new IllegalArgumentException("the workload " + file + " is not a JSON array of DFQL queries");
        }
        return queries;
    }

    /**
     * @param report what {@link #run} found
     * @return the report as printed: each query, its statements and plans, then the queries that need an index
     */
    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        List<ExplainedQuery> queries = report.queries();
        for (int i = 0; i < queries.size(); i++) {
            ExplainedQuery query = queries.get(i);
            out.append("Query ").append(i + 1).append(": ").append(query.dfql()).append('\n');
            if (query.refusal() != null) {
                out.append("  refused: ").append(query.refusal()).append("\n\n");
                continue;
            }
            for (ExplainedQuery.Explained explained : query.statements()) {
                out.append("  SQL:  ").append(explained.statement().toString().replace("\n", "\n        "))
                        .append('\n');
                out.append("  plan: ").append(explained.plan().outline()).append('\n');
                explained.plan().problems().forEach(p -> out.append("  ! ").append(p).append('\n'));
            }
            if (query.needsIndex()) {
                out.append("  -> ").append(query.advice()
                        .map(a -> "an index that serves it: " + a + " on the resource's record")
                        .orElse("no index serves it better than the id's: narrow it with a filter")).append('\n');
            }
            out.append('\n');
        }
        long needing = report.needingIndexes();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i).needsIndex()) {
                numbers.add(String.valueOf(i + 1));
            }
        }
        out.append(needing == 0
                ? String.format(Locale.ROOT, "All %d queries are served by indexes in their order.", queries.size())
                : String.format(Locale.ROOT, "%d of %d queries sort rows or read a whole table: %s.", needing,
                        queries.size(), String.join(", ", numbers)));
        return out.toString();
    }
}
