package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnMigrations;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.db.SchemaHistory;
import dev.datafn.db.SchemaMismatchException;
import dev.datafn.db.UnversionedDatabaseException;
import dev.datafn.example.todo.migration.NoteSchemas;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Versioned schema migrations: the example's baseline builds a database the strict startup check
 * accepts, a database that differs from the records refuses to start with what differs and the
 * command that fixes it, and a field added to a record goes through generate, review, migrate and
 * serves the rows written before and after; a database made before migrations (by {@code hbm2ddl=update})
 * is refused by the server and by {@code migrate}, both naming {@code baseline}, which adopts it only when
 * its tables are those of one of the scripts ({@link BaselineTest}: those of an older release). Each test
 * starts from an empty database: a fresh in-memory H2 database, or a fresh PostgreSQL schema of the test
 * database, dropped afterwards.
 */
@OnEveryDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMigrationTest {

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    /** The PostgreSQL schemas this test created, dropped after it. */
    private ScratchSchemas schemas;

    @TempDir
    Path scripts;

    @Test
    void aFreshDatabaseMigratedByTheScriptsServesTheExample() {
        Database database = emptyDatabase();
        Assumptions.assumeTrue(database.isPostgres(),
                "the example's scripts are PostgreSQL SQL; the embedded H2 database creates its own tables");

        assertThat(DataFnMigrations.migrate(database)).isPositive();
        assertThat(DataFnMigrations.pending(database, DataFnMigrations.DEFAULT_LOCATION)).isEmpty();
        assertThat(DataFnMigrations.migrate(database)).as("a second run has nothing left to do").isZero();

        Namespace ns = TestDatabases.uniqueNamespace("baseline");
        try (DataFn datafn = engine(database, Schema.of(TodoAppSchema.INSTANCE))) {
            datafn.mutate(ns, null, json("{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"tg_1\", \"name\": \"home\"}}"));
            datafn.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"td_1\", \"title\": \"Water plants\", \"tags\": [\"tg_1\"]}}"));
            JsonNode row = datafn.query(ns, json("{\"resource\": \"todos\", \"version\": 1, "
                    + "\"select\": [\"id\", \"title\", \"tags\"]}")).data().get(0);
            assertThat(row.get("title").textValue()).isEqualTo("Water plants");
            assertThat(row.get("tags").toString()).contains("tg_1");
            JsonNode pulled = datafn.pull(ns, json("{\"version\": 1, \"cursors\": {\"todos\": \"0\", \"tags\": \"0\"}}"));
            assertThat(pulled.toString()).contains("td_1").contains("tg_1");
            datafn.kv(ns, null).set("theme", "dark");
            assertThat(datafn.kv(ns, null).get("theme", String.class)).contains("dark");
        }
    }

    @Test
    void anEmptyDatabaseRefusesToStartNamingTheMissingTableAndTheCommand() {
        Database database = emptyDatabase();

        assertThatThrownBy(() -> engine(database, Schema.of(TodoAppSchema.INSTANCE)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("missing table [")
                .hasMessageContaining("migrate")
                .hasMessageContaining("generate-migration");
    }

    @Test
    void aColumnMissingFromTheDatabaseRefusesToStartNamingTheColumnAndItsTable() throws SQLException {
        Database database = emptyDatabase();
        bringUpToDate(database);
        execute(database, "alter table todos drop column notes");

        assertThatThrownBy(() -> engine(database, Schema.of(TodoAppSchema.INSTANCE)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("missing column [notes] in table [todos]")
                .hasMessageContaining("java -jar <app>.jar migrate");
    }

    @Test
    void aColumnOfAnotherTypeRefusesToStartNamingBothTypes() throws SQLException {
        Database database = emptyDatabase();
        bringUpToDate(database);
        execute(database, "drop index todos_completed_priority_desc_idx");
        execute(database, "alter table todos drop column priority");
        execute(database, "alter table todos add column priority varchar(20)");

        assertThatThrownBy(() -> engine(database, Schema.of(TodoAppSchema.INSTANCE)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("wrong column type encountered in column [priority] in table [todos]")
                .hasMessageContaining("(Types#VARCHAR)], but expecting [integer (Types#INTEGER)]");
    }

    @Test
    void aFieldAddedToARecordIsGeneratedAppliedAndServesOldAndNewRows() throws Exception {
        Database database = emptyDatabase();
        Namespace ns = TestDatabases.uniqueNamespace("notes");

        Path first = DataFnMigrations.generate(database, NoteSchemas.version1(), scripts, "Notes").orElseThrow();
        assertThat(first.getFileName()).hasToString("V1__notes.sql");
        assertThat(Files.readString(first).toLowerCase(Locale.ROOT))
                .contains("create table notes").contains("create table datafn_changes")
                .contains("create table datafn_idempotency").contains("create table datafn_sequences");
        assertThat(DataFnMigrations.migrate(database, location())).isEqualTo(1);
        try (DataFn v1 = engine(database, NoteSchemas.version1())) {
            v1.mutate(ns, null, json("{\"resource\": \"notes\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"nt_old\", \"title\": \"Written by version 1\"}}"));
        }

        assertThatThrownBy(() -> engine(database, NoteSchemas.version2()))
                .as("version 2 does not start on a database still at version 1")
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("missing column [pinned] in table [notes]");

        Path second = DataFnMigrations.generate(database, NoteSchemas.version2(), scripts, "add note pinned")
                .orElseThrow();
        assertThat(second.getFileName()).hasToString("V2__add_note_pinned.sql");
        String script = Files.readString(second).toLowerCase(Locale.ROOT);
        assertThat(script).contains("alter table").contains("notes").contains("add column pinned")
                .doesNotContain("create table");
        assertThatThrownBy(() -> DataFnMigrations.generate(database, NoteSchemas.version2(), scripts, "again"))
                .as("a script not applied yet would be written twice")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V2__add_note_pinned.sql");

        assertThat(DataFnMigrations.migrate(database, location())).isEqualTo(1);
        try (DataFn v2 = engine(database, NoteSchemas.version2())) {
            v2.mutate(ns, null, json("{\"resource\": \"notes\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"nt_new\", \"title\": \"Written by version 2\", \"pinned\": true}}"));
            List<? extends JsonNode> rows = v2.query(ns, json("{\"resource\": \"notes\", \"version\": 1, "
                    + "\"select\": [\"id\", \"title\", \"pinned\"], \"sort\": [\"id:asc\"]}")).data();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("id").textValue()).isEqualTo("nt_new");
            assertThat(rows.get(0).get("pinned").booleanValue()).isTrue();
            assertThat(rows.get(1).get("id").textValue()).isEqualTo("nt_old");
            assertThat(rows.get(1).get("title").textValue()).isEqualTo("Written by version 1");
            assertThat(rows.get(1).path("pinned").isNull() || rows.get(1).path("pinned").isMissingNode()).isTrue();
        }
        assertThat(DataFnMigrations.generate(database, NoteSchemas.version2(), scripts, "nothing"))
                .as("the database now matches the records").isEmpty();
    }

    @Test
    void aDatabaseMadeBeforeMigrationsIsRefusedByTheServerAndByMigrateNamingBaseline() throws SQLException {
        Database database = emptyDatabase();
        Assumptions.assumeTrue(database.isPostgres(), "migrations and their history are for PostgreSQL");
        Namespace ns = TestDatabases.uniqueNamespace("adopted");
        makeTablesTheOldWay(database, ns);
        assertThat(SchemaHistory.of(database)).isEqualTo(SchemaHistory.UNVERSIONED);

        assertThat(startFailure(database, Schema.of(TodoAppSchema.INSTANCE)))
                .as("tables that match today's records still lack the history later migrations need")
                .isInstanceOf(UnversionedDatabaseException.class)
                .hasMessageContaining("no flyway_schema_history table")
                .hasMessageContaining("java -jar <app>.jar baseline");
        CliRun migrate = CliRun.of(configuration(database), "migrate");
        assertThat(migrate.status()).as(migrate.toString()).isEqualTo(ExampleCli.REFUSED);
        assertThat(migrate.err()).contains("java -jar <app>.jar baseline");
        assertThat(SchemaHistory.of(database)).as("migrate did not baseline silently")
                .isEqualTo(SchemaHistory.UNVERSIONED);

        CliRun baseline = CliRun.of(configuration(database), "baseline");
        assertThat(baseline.status()).as(baseline.toString()).isZero();
        assertThat(baseline.out()).contains("Adopted the database");
        assertThat(SchemaHistory.of(database)).isEqualTo(SchemaHistory.VERSIONED);
        assertThat(DataFnMigrations.pending(database, DataFnMigrations.DEFAULT_LOCATION))
                .as("tables made by today's records are those of the last script: the baseline stands for all")
                .isEmpty();
        assertThat(DataFnMigrations.migrate(database)).as("no script runs again on tables it made").isZero();
        try (DataFn adopted = engine(database, Schema.of(TodoAppSchema.INSTANCE))) {
            assertThat(adopted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"select\": [\"title\"]}"))
                    .data().get(0).get("title").textValue()).isEqualTo("Written before migrations");
        }
        assertThat(baselineFailure(database))
                .as("a second baseline has nothing to adopt")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a migration history").hasMessageContaining("migrate");
    }

    @Test
    void aDatabaseMadeBeforeMigrationsThatIsNoScriptsTablesIsNotBaselined() throws SQLException {
        Database database = emptyDatabase();
        Assumptions.assumeTrue(database.isPostgres(), "migrations and their history are for PostgreSQL");
        makeTablesTheOldWay(database, TestDatabases.uniqueNamespace("diverged"));
        execute(database, "alter table todos drop column notes");

        assertThat(baselineFailure(database))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to baseline")
                .hasMessageContaining("closest to migration 4 (V4__keys_lead_with_namespace.sql)")
                .hasMessageContaining("missing column [notes] in table [todos]");
        assertThat(SchemaHistory.of(database)).as("nothing recorded").isEqualTo(SchemaHistory.UNVERSIONED);
    }

    @Test
    void onTheEmbeddedDatabaseTheMigrationCommandsSayTheyAreForPostgres() {
        Database database = emptyDatabase();
        Assumptions.assumeFalse(database.isPostgres(), "the H2 answer");
        Config h2 = Config.just(ConfigSources.create(Map.of("datafn.data-dir", scripts.toString())));
        for (String command : new String[] {"migrate", "baseline"}) {
            CliRun run = CliRun.of(h2, command);
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).as(command).isEqualTo(MigrationCommand.H2_NOTE + "\n").contains("for PostgreSQL");
        }
        assertThat(scripts.resolve("todo.mv.db")).as("no database was created").doesNotExist();
    }

    /** Creates the example's tables as servers did before migrations existed: Hibernate's update, one row. */
    private static void makeTablesTheOldWay(Database database, Namespace ns) {
        try (DataFn old = engine(database.withSchemaManagement(SchemaManagement.UPDATE),
                Schema.of(TodoAppSchema.INSTANCE))) {
            old.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"td_old\", \"title\": \"Written before migrations\"}}"));
        }
    }

    /** @return what starting an engine on the database threw, or {@code null} when it started (it is closed) */
    private static Throwable startFailure(Database database, Schema schema) {
        try (DataFn started = engine(database, schema)) {
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** @return what {@code baseline} threw, or {@code null} when it adopted the database */
    private static Throwable baselineFailure(Database database) {
        try {
            DataFnMigrations.baseline(database);
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** @return the example's configuration naming the database, as an operator's DATAFN_DB_* would */
    private static Config configuration(Database database) {
        return Config.just(ConfigSources.create(Map.of("datafn.db.url", database.jdbcUrl(),
                "datafn.db.user", database.user(), "datafn.db.password", database.password())));
    }

    @AfterEach
    void dropSchemas() {
        if (schemas != null) {
            schemas.close();
        }
    }

    /**
     * @return an empty database whose tables are only checked at startup, the production default on
     *         PostgreSQL (and chosen on H2 here, where the default would create them)
     */
    private Database emptyDatabase() {
        Database base = testDatabase.open();
        if (!base.isPostgres()) {
            return base.withSchemaManagement(SchemaManagement.VALIDATE);
        }
        if (schemas == null) {
            schemas = new ScratchSchemas(base);
        }
        Database database = schemas.create("migration");
        assertThat(Database.jdbc(database.jdbcUrl(), database.user(), database.password()).schemaManagement())
                .as("the PostgreSQL default").isEqualTo(SchemaManagement.VALIDATE);
        return database;
    }

    /**
     * Brings the example's tables into the database as production does on it: the shipped scripts on
     * PostgreSQL, the engine's own update on H2 (the scripts are PostgreSQL SQL).
     */
    private static void bringUpToDate(Database database) {
        if (database.isPostgres()) {
            DataFnMigrations.migrate(database);
        } else {
            engine(database.withSchemaManagement(SchemaManagement.UPDATE), Schema.of(TodoAppSchema.INSTANCE)).close();
        }
    }

    private String location() {
        return "filesystem:" + scripts.toAbsolutePath();
    }

    private static DataFn engine(Database database, Schema schema) {
        return DataFn.builder().schema(schema).database(database).build();
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
