package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnMigrations;
import dev.datafn.config.DataFnConfig;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaHistory;
import dev.datafn.db.SchemaManagement;
import dev.datafn.db.SchemaMismatchException;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import dev.datafn.testing.TestDatabase;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Adopting a database an older release made with {@code hbm2ddl=update}, before the example had migrations and
 * before it had the key-value table {@code datafn_kv} ({@code V2__kv.sql}): its tables are those of
 * {@code V1__baseline.sql} but not those of today's records. {@code baseline} compares them with what the scripts
 * make, records version 1, and {@code migrate} then brings them to the records, so the server starts with its
 * strict check and serves; tables that are those of no script are refused, naming what differs, and nothing is
 * recorded. Run as an operator would: the example's commands and server, configured by {@code DATAFN_*}
 * variables, over HTTP. PostgreSQL only (each test in a fresh schema of the test database); on H2 the commands
 * say the migrations are for PostgreSQL ({@link SchemaMigrationTest}).
 */
@OnEveryDatabase
class BaselineTest {

    private static final String SECRET = "baseline-test-secret-" + UUID.randomUUID();

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The fresh schemas this test made, dropped after it. */
    private ScratchSchemas schemas;

    /** This test's database: an empty PostgreSQL schema whose tables are only checked at startup. */
    private Database database;

    @BeforeEach
    void emptyDatabase() {
        Database base = testDatabase.open();
        Assumptions.assumeTrue(base.isPostgres(), "migrations and their history are for PostgreSQL");
        schemas = new ScratchSchemas(base);
        database = schemas.create("baseline");
    }

    @AfterEach
    void dropSchemas() {
        if (schemas != null) {
            schemas.close();
        }
    }

    @Test
    void aDatabaseOfTheReleaseBeforeTheKeyValueTableIsBaselinedAtOneMigratedAndServed() throws Exception {
        String user = "old-" + UUID.randomUUID();
        makeTablesAsTheReleaseBeforeKv(Namespace.user(user));
        assertThat(SchemaHistory.of(database)).isEqualTo(SchemaHistory.UNVERSIONED);

        CliRun baseline = CliRun.of(configuration(), "baseline");
        assertThat(baseline.status()).as(baseline.toString()).isZero();
        assertThat(baseline.out()).contains("Adopted the database").contains("migration 1,");
        assertThat(recordedVersions()).as("the baseline, at version 1").containsExactly("1");
        assertThat(DataFnMigrations.pending(database, DataFnMigrations.DEFAULT_LOCATION))
                .containsExactly("V2__kv.sql", "V3__todo_indexes.sql", "V4__keys_lead_with_namespace.sql");
        assertThat(scratchSchemasLeft()).as("the scratch schema the scripts ran in is gone").isZero();
        assertThat(startFailure()).as("the old tables are not today's records: they lack datafn_kv")
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("missing table [datafn_kv]");

        CliRun migrate = CliRun.of(configuration(), "migrate");
        assertThat(migrate.status()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).isEqualTo("Applied 3 migration(s).\n");
        assertThat(recordedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(TableKeys.primaryKey(database, "todos")).as("V4 re-keyed the old release's todos")
                .isEqualTo(TableKeys.NAMESPACE_FIRST);
        assertThat(TableKeys.foreignKeys(database, "todos_tags"))
                .containsExactly("(namespace, todos_id) -> todos (namespace, id)");

        // The server's own startup check (validate, PostgreSQL's default) now passes against today's records.
        try (Main.Server server = Main.start(configuration())) {
            assertThat(database.schemaManagement()).isEqualTo(SchemaManagement.VALIDATE);
            String token = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
                    .issue(user, null, Duration.ofHours(1));
            HttpResponse<String> set = post(server, token, "/mutation", "{\"resource\": \"kv\", \"version\": 1, "
                    + "\"operation\": \"upsert\", \"id\": \"theme\", \"record\": {\"value\": {\"mode\": \"dark\"}}, "
                    + "\"clientId\": \"c1\", \"mutationId\": \"m1\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            JsonNode kv = body(post(server, token, "/query",
                    "{\"resource\": \"kv\", \"version\": 1, \"filters\": {\"id\": \"theme\"}}"));
            assertThat(kv.at("/result/data/0/value/mode").textValue()).as(kv.toString()).isEqualTo("dark");
            JsonNode todos = body(post(server, token, "/query",
                    "{\"resource\": \"todos\", \"version\": 1, \"select\": [\"id\", \"title\"]}"));
            assertThat(todos.at("/result/data").size()).as(todos.toString()).isEqualTo(1);
            assertThat(todos.at("/result/data/0/title").textValue()).isEqualTo("Written by the old release");
        }
    }

    @Test
    void aDatabaseMissingAColumnOfTheFirstMigrationIsRefusedNamingItAndNothingIsRecorded() throws SQLException {
        makeTablesAsTheReleaseBeforeKv(Namespace.user("diverged"));
        execute("alter table todos drop column notes");

        CliRun refused = CliRun.of(configuration(), "baseline");
        assertThat(refused.status()).as("a refused state: " + refused).isEqualTo(ExampleCli.REFUSED);
        assertThat(refused.err())
                .contains("Refusing to baseline")
                .contains("closest to migration 1 (V1__baseline.sql)")
                .contains("missing column [notes] in table [todos]")
                .doesNotContain("datafn_kv");
        assertThat(SchemaHistory.of(database)).as("nothing recorded").isEqualTo(SchemaHistory.UNVERSIONED);
        assertThat(scratchSchemasLeft()).as("the scratch schema is dropped on a refusal too").isZero();
    }

    @Test
    void aDatabaseThatIsNoMigrationsTablesIsRefusedNamingEachDifference() throws SQLException {
        makeTablesAsTheReleaseBeforeKv(Namespace.user("neither"));
        execute("alter table todos alter column title type varchar(100)");
        execute("alter table tags alter column name drop not null");
        execute("alter table projects drop constraint projects_name_key");
        execute("drop index todos_project_id_idx");
        execute("alter table todos add column estimate integer");
        execute("create table audit (id bigint primary key)");

        Throwable refused = baselineFailure();
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its tables are not those of any migration")
                .hasMessageContaining("wrong column type in column [title] in table [todos]: found [character "
                        + "varying(100)], but expecting [character varying(200)]")
                .hasMessageContaining("column [name] in table [tags] allows null, but expecting not null")
                .hasMessageContaining("missing constraint [UNIQUE (namespace, name)] in table [projects]")
                .hasMessageContaining("missing index [btree (namespace, project_id)] in table [todos]")
                .hasMessageContaining("extra column [estimate] in table [todos]")
                .hasMessageContaining("extra table [audit]");
        assertThat(SchemaHistory.of(database)).isEqualTo(SchemaHistory.UNVERSIONED);
    }

    /**
     * Makes the tables as a server of the release before {@code V2__kv.sql} did: Hibernate's update of the
     * records (whose tables were those of {@code V1__baseline.sql}), one todo written; that release had no
     * key-value resource, so no {@code datafn_kv}, its todos had the indexes of {@code V1__baseline.sql},
     * not those {@code V3__todo_indexes.sql} adds, and its tables were keyed {@code (id, namespace)}, as
     * before {@code V4__keys_lead_with_namespace.sql}.
     */
    private void makeTablesAsTheReleaseBeforeKv(Namespace ns) {
        try (DataFn old = DataFn.builder().schema(Schema.of(TodoAppSchema.INSTANCE))
                .database(database.withSchemaManagement(SchemaManagement.UPDATE)).build()) {
            old.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"td_old\", \"title\": \"Written by the old release\"}}"));
        }
        try {
            TableKeys.rekey(database, TableKeys.ID_FIRST);
            execute("drop table datafn_kv");
            for (String index : List.of("todos_completed_due_date_idx",
                    "todos_project_id_completed_due_date_idx", "todos_completed_priority_desc_idx")) {
                execute("drop index " + index);
            }
            execute("create index todos_project_id_idx on todos (namespace, project_id)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what starting an engine with today's records threw, or {@code null} when it started (it is closed) */
    private Throwable startFailure() {
        try (DataFn started = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build()) {
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** @return what {@code baseline} threw, or {@code null} when it adopted the database */
    private Throwable baselineFailure() {
        try {
            DataFnMigrations.baseline(database);
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** @return the configuration an operator gives the example: this database, a secret, any free port */
    private Config configuration() {
        Map<String, String> environment = Map.of("DATAFN_DB_URL", database.jdbcUrl(),
                "DATAFN_DB_USER", database.user(), "DATAFN_DB_PASSWORD", database.password(),
                "DATAFN_JWT_SECRET", SECRET, "DATAFN_DATA__DIR", data.toString(),
                "SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1");
        return DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS, ConfigSources.classpath("application.yaml"));
    }

    /** @return the versions in Flyway's history, in the order they were recorded */
    private List<String> recordedVersions() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select version from " + SchemaHistory.TABLE
                     + " where version is not null order by installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        }
    }

    /** @return how many scratch schemas of {@code baseline} exist in the test database */
    private long scratchSchemasLeft() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(
                     "select count(*) from pg_namespace where nspname like 'datafn\\_baseline\\_%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private HttpResponse<String> post(Main.Server server, String token, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
