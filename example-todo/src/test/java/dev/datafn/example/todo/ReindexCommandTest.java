package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static dev.datafn.example.todo.SearchIndexOnDiskTest.forgetChanges;
import static dev.datafn.example.todo.SearchIndexOnDiskTest.found;
import static dev.datafn.example.todo.SearchIndexOnDiskTest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnConfig;
import dev.datafn.db.Database;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.search.SearchDirectory;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The example's search index as an operator meets it: {@code datafn.search.*} configured, the index kept beside
 * the H2 file by default, and the {@code reindex} command rebuilding a deleted index with a progress bar and a
 * rate, refusing while a server holds the index.
 */
@OnEveryDatabase
class ReindexCommandTest {

    private static final Pattern SUMMARY = Pattern.compile("Reindexed (\\d+) records in \\d+\\.\\d s \\((\\d+) records/s\\)\\.");

    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path data;

    private Database database;

    /** @return the environment of a server on this run's database, its index in {@code index} */
    private Map<String, String> environment() {
        database = testDatabase.open();
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_DB_URL", database.jdbcUrl(),
                "DATAFN_DB_USER", database.user(), "DATAFN_DB_PASSWORD", database.password(),
                "DATAFN_JWT_SECRET", "reindex-test-secret-" + UUID.randomUUID(), "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "DATAFN_DB_SCHEMA", "update"));
        environment.put("DATAFN_DATA__DIR", data.toString());
        environment.put("DATAFN_SEARCH_DIRECTORY", data.resolve("index").toString());
        return environment;
    }

    private static Config configuration(Map<String, String> environment) {
        return DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS, ConfigSources.classpath("application.yaml"));
    }

    private static void insertTodo(DataFn datafn, Namespace ns, String id, String title) {
        datafn.mutate(ns, "tester", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"" + title + "\"}}"));
    }

    @Test
    void reindexRebuildsADeletedIndexWithAProgressBarAndARateAndRefusesWhileAServerHoldsIt() throws Exception {
        Config config = configuration(environment());
        Namespace ns = TestDatabases.uniqueNamespace("reindex-command");
        Path index = data.resolve("index");
        try (Main.Server server = Main.start(config)) {
            SearchIndexOnDiskTest.insertTodos(server.datafn(), ns, 700, "Apple number");
            assertThat(found(server.datafn(), ns, "apple")).isNotEmpty();
            CliRun refused = CliRun.of(config, "reindex");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.REFUSED);
            assertThat(refused.err()).contains("datafn.search.directory").contains("is in use")
                    .contains("stop it first");
        }
        SearchIndexOnDiskTest.deleteTree(index);
        // Only the rows can tell the new title now.
        assertThat(sql(database, "update todos set title = ? where namespace = ? and id = ?", "Banana split",
                ns.value(), "td:7")).isEqualTo(1);
        forgetChanges(database, ns);

        CliRun reindex = CliRun.of(config, "reindex", "--progress", "bar");
        assertThat(reindex.status()).as(reindex.toString()).isZero();
        String summary = reindex.out().strip();

        Matcher counted = SUMMARY.matcher(summary);
        assertThat(counted.matches()).as(summary).isTrue();
        long records = Long.parseLong(counted.group(1));
        assertThat(records).isGreaterThanOrEqualTo(700);
        if (testDatabase == TestDatabase.H2) {
            assertThat(records).as("the run's own database holds only these").isEqualTo(700);
        }
        assertThat(Long.parseLong(counted.group(2))).isPositive();
        String drawn = reindex.err();
        assertThat(drawn).contains("\r[").contains(records + "/" + records + " records").contains("100%")
                .containsPattern("\\d+ records/s");
        assertThat(Files.readString(index.resolve(SearchDirectory.MARKS_FILE))).contains("mark."
                + ns.value().replace(":", "\\:") + "=700");

        try (Main.Server server = Main.start(config)) {
            assertThat(found(server.datafn(), ns, "banana")).containsExactly("td:7");
            assertThat(found(server.datafn(), ns, "apple 7")).as("its old title, which the index forgot").isEmpty();
        }
    }

    @Test
    void theExampleKeepsItsIndexBesideItsH2FileByDefault() {
        Assumptions.assumeTrue(testDatabase == TestDatabase.H2, "the default H2 file database only");
        Map<String, String> environment = environment();
        environment.remove("DATAFN_DB_URL");
        environment.remove("DATAFN_DB_USER");
        environment.remove("DATAFN_DB_PASSWORD");
        environment.remove("DATAFN_SEARCH_DIRECTORY");
        Namespace ns = TestDatabases.uniqueNamespace("default-index");
        try (Main.Server server = Main.start(configuration(environment))) {
            insertTodo(server.datafn(), ns, "td:1", "Apple pie");
            assertThat(found(server.datafn(), ns, "apple")).containsExactly("td:1");
        }
        assertThat(data.resolve("todo.mv.db")).exists();
        assertThat(data.resolve("search").resolve(SearchDirectory.MARKS_FILE)).exists();
        try (Main.Server server = Main.start(configuration(environment))) {
            assertThat(found(server.datafn(), ns, "apple")).containsExactly("td:1");
        }
    }

    @Test
    void aSearchDirectoryThatIsAFileStopsTheStartNamingTheOption() throws Exception {
        Map<String, String> environment = environment();
        Path file = Files.writeString(data.resolve("a-file"), "x");
        environment.put("DATAFN_SEARCH_DIRECTORY", file.toString());
        assertThatThrownBy(() -> Main.start(configuration(environment))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("datafn.search.directory " + file.toAbsolutePath())
                .hasMessageContaining("is a file, not a directory");
    }

    @Test
    void searchEnabledFalseTurnsSearchOffAndReindexSaysThereIsNothingToRebuild() {
        Map<String, String> environment = environment();
        environment.put("DATAFN_SEARCH_ENABLED", "false");
        Config config = configuration(environment);
        try (Main.Server server = Main.start(config)) {
            assertThatThrownBy(() -> server.datafn().search(Namespace.of("x"), json("{\"query\": \"apple\"}")))
                    .isInstanceOfSatisfying(DataFnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_UNSUPPORTED));
        }
        assertThat(data.resolve("index")).doesNotExist();
        CliRun refused = CliRun.of(config, "reindex");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(refused.err()).contains("datafn.search.enabled=false");
    }
}
