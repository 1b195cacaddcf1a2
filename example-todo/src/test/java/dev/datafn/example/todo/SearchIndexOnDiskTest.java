package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.schema.Namespace;
import dev.datafn.search.SearchDirectory;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The full-text index on disk: a restart keeps it and goes on from its saved marks (proven by a change the
 * database got behind the engine's back, which the kept index does not know of); a directory without an index
 * is rebuilt from the rows at startup, with searches right meanwhile; marks of another database are discarded
 * and their index emptied; a directory that cannot hold an index, or that another engine holds, stops the
 * start naming {@code datafn.search.directory}; {@link DataFn#reindex} rebuilds the whole index, reporting its
 * progress.
 */
@OnEveryDatabase
class SearchIndexOnDiskTest {

    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path temporary;

    private DataFn engine(Database database, Path directory) {
        return DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).searchDirectory(directory).build();
    }

    private static void insertTodo(DataFn datafn, Namespace ns, String id, String title) {
        datafn.mutate(ns, "tester", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"" + title + "\"}}"));
    }

    /** Inserts todos {@code td:0..count-1} titled "{@code title} i", in batches, each batch one transaction. */
    static void insertTodos(DataFn datafn, Namespace ns, int count, String title) {
        for (int from = 0; from < count; from += 400) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + 400); i++) {
                batch.append(i == from ? "" : ",").append("{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                        + "\"insert\", \"record\": {\"id\": \"td:").append(i).append("\", \"title\": \"").append(title)
                        .append(' ').append(i).append("\"}}");
            }
            assertThat(datafn.mutateBatch(ns, "tester", AbstractEngineTest.parse(batch.append("]").toString())))
                    .allMatch(outcome -> outcome instanceof dev.datafn.error.Outcome.Done<?>);
        }
    }

    static List<String> found(DataFn datafn, Namespace ns, String words) {
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : datafn.search(ns, json("{\"query\": \"" + words + "\"}")).get("results")) {
            ids.add(hit.get("id").textValue());
        }
        return ids;
    }

    /** Runs one statement on the database directly, as an operator (or a bug) might, bypassing the engine. */
    static int sql(Database database, String statement, String... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Forgets the namespace's change log, so that no catch-up can find its records again. */
    static void forgetChanges(Database database, Namespace ns) throws SQLException {
        assertThat(sql(database, "delete from datafn_changes where namespace = ?", ns.value())).isPositive();
    }

    @Test
    void aRestartKeepsTheIndexAndGoesOnFromItsMarks() throws Exception {
        Database database = testDatabase.open();
        Path directory = temporary.resolve("index");
        Namespace ns = TestDatabases.uniqueNamespace("search-restart");
        try (DataFn datafn = engine(database, directory)) {
            insertTodo(datafn, ns, "td:1", "Apple pie");
            assertThat(found(datafn, ns, "apple")).containsExactly("td:1");
        }
        assertThat(Files.readString(directory.resolve(SearchDirectory.MARKS_FILE), StandardCharsets.UTF_8))
                .contains("mark." + ns.value().replace(":", "\\:") + "=1");
        // Behind the engine's back: the title changes without a change record, and the change log is gone. An
        // index built anew (from rows or changes) would know the new title and not the old one.
        assertThat(sql(database, "update todos set title = ? where namespace = ? and id = ?", "Banana split",
                ns.value(), "td:1")).isEqualTo(1);
        forgetChanges(database, ns);

        try (DataFn datafn = engine(database, directory)) {
            assertThat(found(datafn, ns, "apple")).as("the index on disk, kept").containsExactly("td:1");
            assertThat(found(datafn, ns, "banana")).as("not rebuilt from the rows").isEmpty();
            insertTodo(datafn, ns, "td:2", "Cherry tart");
            assertThat(found(datafn, ns, "cherry")).as("caught up from the kept mark").containsExactly("td:2");
        }
    }

    @Test
    void aMissingIndexIsRebuiltFromTheRowsAtStartup() throws Exception {
        Database database = testDatabase.open();
        Path directory = temporary.resolve("index");
        Namespace ns = TestDatabases.uniqueNamespace("search-missing");
        try (DataFn datafn = engine(database, directory)) {
            insertTodo(datafn, ns, "td:1", "Apple pie");
            insertTodo(datafn, ns, "td:2", "Apple crumble");
            datafn.mutate(ns, "tester", json("{\"resource\": \"projects\", \"version\": 1, \"operation\": "
                    + "\"insert\", \"record\": {\"id\": \"pj:1\", \"name\": \"Apple harvest\"}}"));
        }
        forgetChanges(database, ns);
        deleteTree(directory);

        try (DataFn datafn = engine(database, directory)) {
            assertThat(found(datafn, ns, "apple")).containsExactlyInAnyOrder("td:1", "td:2", "pj:1");
        }
        assertThat(Files.readString(directory.resolve(SearchDirectory.MARKS_FILE), StandardCharsets.UTF_8))
                .as("saved at close").contains("mark." + ns.value().replace(":", "\\:") + "=3");
    }

    @Test
    void marksOfAnotherDatabaseAreDiscardedAndTheirIndexEmptied() throws Exception {
        Database first = testDatabase.open();
        Database other = TestDatabases.h2();
        Path directory = temporary.resolve("index");
        Namespace ns = TestDatabases.uniqueNamespace("search-other-db");
        try (DataFn datafn = engine(first, directory)) {
            insertTodo(datafn, ns, "td:1", "Apple pie");
            assertThat(found(datafn, ns, "apple")).containsExactly("td:1");
        }
        try (DataFn datafn = engine(other, directory)) {
            // The same namespace and id, another title: the first database's entry would still match "apple".
            insertTodo(datafn, ns, "td:1", "Pear tart");
            assertThat(found(datafn, ns, "apple")).isEmpty();
            assertThat(found(datafn, ns, "pear")).containsExactly("td:1");
        }
        assertThat(Files.readString(directory.resolve(SearchDirectory.MARKS_FILE), StandardCharsets.UTF_8))
                .contains(other.jdbcUrl().replace(":", "\\:").replace("=", "\\="));
    }

    @Test
    void aDirectoryThatCannotHoldTheIndexOrIsHeldStopsTheStartNamingTheOption() throws IOException {
        Database database = testDatabase.open();
        Path file = Files.writeString(temporary.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> engine(database, file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("datafn.search.directory").hasMessageContaining("is a file, not a directory");
        assertThatThrownBy(() -> engine(database, file.resolve("below"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("datafn.search.directory").hasMessageContaining("cannot be created");

        Path directory = temporary.resolve("index");
        try (DataFn holder = engine(database, directory)) {
            assertThatThrownBy(() -> engine(database, directory)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("datafn.search.directory").hasMessageContaining("is in use");
        }
        // Released at close: the next engine may take it.
        engine(database, directory).close();
    }

    @Test
    void reindexRebuildsEveryNamespaceReportingItsProgress() throws Exception {
        Database database = testDatabase.open();
        Path directory = temporary.resolve("index");
        Namespace first = TestDatabases.uniqueNamespace("search-reindex-a");
        Namespace second = TestDatabases.uniqueNamespace("search-reindex-b");
        List<long[]> reports = new ArrayList<>();
        long indexed;
        try (DataFn datafn = engine(database, directory)) {
            insertTodos(datafn, first, 1_200, "Apple number");
            insertTodo(datafn, second, "td:x", "Apple elsewhere");
            // Changes the index would not hear of: reindex must read the rows as they are.
            assertThat(sql(database, "update todos set title = ? where namespace = ? and id = ?", "Banana split",
                    second.value(), "td:x")).isEqualTo(1);
            forgetChanges(database, second);
            indexed = datafn.reindex((done, total) -> reports.add(new long[] {done, total}));
            assertThat(found(datafn, second, "banana")).containsExactly("td:x");
            assertThat(found(datafn, second, "apple")).isEmpty();
            assertThat(datafn.search(first, json("{\"query\": \"apple\", \"limit\": 100}")).get("results"))
                    .hasSize(100);
        }
        assertThat(reports.getFirst()[0]).isZero();
        long total = reports.getFirst()[1];
        assertThat(total).isGreaterThanOrEqualTo(1_201);
        assertThat(reports).as("chunks of at most 500").hasSizeGreaterThanOrEqualTo(1 + 3 + 1);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
            assertThat(reports.get(i)[1]).isEqualTo(total);
        }
        assertThat(reports.getLast()[0]).isEqualTo(indexed).isEqualTo(total);
        if (testDatabase == TestDatabase.H2) {
            assertThat(indexed).as("the run's own database holds only these").isEqualTo(1_201);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
