package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.config.ConfigOption;
import dev.datafn.config.ConfigOptions;
import dev.datafn.config.DataFnConfig;
import dev.datafn.config.DataFnSettings;
import dev.datafn.config.InvalidConfigException;
import dev.datafn.db.Database;
import dev.datafn.example.todo.migration.NoteSchemas;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import redis.clients.jedis.JedisPooled;

/**
 * The example reads its whole configuration as an operator gives it: the shipped {@code application.yaml}
 * (which documents every option), environment variables and system properties; a fault stops the start with
 * a message naming the key. Options are proven by what they do, not only by how they read: retention ages,
 * the query timeout, unknown resources and the Redis sequence store each change the served engine's behaviour.
 * Run on every database, configured as an operator would: through {@code DATAFN_DB_URL}.
 */
@OnEveryDatabase
class ExampleConfigurationTest {

    private static final String SECRET = "configuration-test-secret-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path data;

    /** The database the last {@link #environment()} named, for the tests that look into its tables. */
    private Database database;

    /** @return the environment of a server on a database of this run (a new one on H2), with its secret */
    private Map<String, String> environment() {
        database = testDatabase.open();
        var db = database;
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_DB_URL", db.jdbcUrl(),
                "DATAFN_DB_USER", db.user(), "DATAFN_DB_PASSWORD", db.password(), "DATAFN_JWT_SECRET", SECRET,
                "SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1"));
        environment.put("DATAFN_DATA__DIR", data.toString());
        // The suites share one scratch PostgreSQL database whose tables the engines update (TestDatabases).
        environment.put("DATAFN_DB_SCHEMA", "update");
        return environment;
    }

    private static Config configuration(Map<String, String> environment, Map<String, String> properties) {
        return DataFnConfig.create(environment, properties, Main.OWN_OPTIONS, ConfigSources.classpath("application.yaml"));
    }

    @Test
    void itStartsWithItsShippedApplicationYaml() {
        try (Main.Server server = Main.start(configuration(environment(), Map.of()))) {
            JsonNode status = get(server, "/status");
            assertThat(status.at("/result/limits/maxLimit").intValue()).isEqualTo(100);
            assertThat(server.datafn().limits()).isEqualTo(dev.datafn.config.Limits.DEFAULTS);
            // The example serves the REST wrappers unless configured otherwise.
            assertThat(send(server, "GET", "/resources/todos", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theShippedApplicationYamlAloneReadsAsEveryDefault() {
        // Nothing set anywhere, as on a fresh machine: the file's "datafn:" has every option commented out.
        Config alone = configuration(Map.of(), Map.of());
        dev.datafn.config.DataFnSettings settings = dev.datafn.config.DataFnSettings.read(alone.get("datafn"),
                Main.OWN_OPTIONS);
        assertThat(settings.has("limits.maxLimit")).isFalse();
        assertThat(settings.has("db.url")).isFalse();
    }

    @Test
    void environmentVariablesAndSystemPropertiesReachTheEngineAndTheHttpService() {
        Map<String, String> environment = environment();
        environment.put("DATAFN_LIMITS_MAXLIMIT", "3");
        environment.put("DATAFN_REST", "false");
        environment.put("DATAFN_RATELIMIT_ENABLED", "true");
        environment.put("DATAFN_RATELIMIT_ENDPOINTS_STATUS_MAXREQUESTS", "2");
        try (Main.Server server = Main.start(configuration(environment,
                Map.of("datafn.limits.maxSortFields", "4", "datafn.debug", "false")))) {
            assertThat(server.datafn().limits().maxLimit()).isEqualTo(3);
            assertThat(server.datafn().limits().maxSortFields()).isEqualTo(4);
            HttpResponse<String> tooMany = send(server, "POST", "/query",
                    "{\"resource\": \"todos\", \"version\": 1, \"select\": [\"id\"], \"limit\": 5}");
            assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
            // Without debug the message is the generic one of its code: it names no field.
            assertThat(tooMany.body()).contains("DFQL_INVALID").doesNotContain("maxLimit");
            assertThat(send(server, "GET", "/resources/todos", null).statusCode()).isEqualTo(404);
            assertThat(send(server, "GET", "/status", null).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/status", null).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/status", null).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void anInvalidValueStopsTheStartNamingTheKey() {
        Map<String, String> environment = environment();
        environment.put("DATAFN_LIMITS_MAXLIMIT", "abc");
        assertThatThrownBy(() -> Main.start(configuration(environment, Map.of())))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.faults()).containsExactly(
                        "datafn.limits.maxLimit: expected a whole number 1..10000, got \"abc\""));
    }

    @Test
    void anUnknownKeyStopsTheStartNamingItAndTheNearestKnownOne() {
        Map<String, String> environment = environment();
        assertThatThrownBy(() -> Main.start(configuration(environment, Map.of("datafn.limts.maxLimit", "50"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.faults())
                        .containsExactly("datafn.limts: unknown option; did you mean datafn.limits?"));
    }

    @Test
    void theShippedApplicationYamlDocumentsEveryOptionWithItsDefault() throws IOException {
        String yaml;
        try (InputStream in = Main.class.getResourceAsStream("/application.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<ConfigOption> documented = Stream.concat(Main.OWN_OPTIONS.stream(), ConfigOptions.ALL.stream()).toList();
        for (ConfigOption option : documented) {
            String leaf = option.key().substring(option.key().lastIndexOf('.') + 1);
            assertThat(yaml).as(option.fullKey()).contains("[" + option.environmentVariable() + "]")
                    .containsPattern("(?m)^\\s*# " + java.util.regex.Pattern.quote(leaf) + ": \\S");
        }
    }

    @Test
    void retentionAgesSetInConfigurationDecideWhatStartupPrunes() throws SQLException {
        Map<String, String> environment = environment();
        environment.put("DATAFN_RETENTION_CHANGELOGDAYS", "1");
        environment.put("DATAFN_RETENTION_IDEMPOTENCYDAYS", "3");
        environment.put("DATAFN_RETENTION_PRUNEONSTARTUP", "true");
        Namespace ns = TestDatabases.uniqueNamespace("retention");
        List<String> ids = List.of("td_week", "td_two_days", "td_today");
        try (Main.Server server = Main.start(configuration(environment, Map.of()))) {
            for (String id : ids) {
                server.datafn().mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, "
                        + "\"operation\": \"insert\", \"clientId\": \"retention\", \"mutationId\": \"m_" + id
                        + "\", \"record\": {\"id\": \"" + id + "\", \"title\": \"" + id + "\"}}"));
            }
        }
        age(ns, "td_week", Duration.ofDays(7));
        age(ns, "td_two_days", Duration.ofDays(2));
        assertThat(column("record_id", "datafn_changes", ns)).containsExactlyInAnyOrderElementsOf(ids);

        try (Main.Server restarted = Main.start(configuration(environment, Map.of()))) {
            assertThat(column("record_id", "datafn_changes", ns))
                    .as("changeLogDays=1: change records older than a day are gone").containsExactly("td_today");
            assertThat(column("mutation_id", "datafn_idempotency", ns))
                    .as("idempotencyDays=3: only the week-old idempotency record is gone")
                    .containsExactlyInAnyOrder("m_td_two_days", "m_td_today");
        }
    }

    @Test
    void theConfiguredQueryTimeoutAbortsAQueryBlockedInTheDatabase() throws Exception {
        Map<String, String> environment = environment();
        Assumptions.assumeTrue(database.isPostgres(), "H2 offers no lock that makes a plain read wait");
        environment.put("DATAFN_QUERYTIMEOUTMS", "1500");
        try (Main.Server server = Main.start(configuration(environment, Map.of()));
             Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE todos IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            HttpResponse<String> aborted = send(server, "POST", "/query",
                    "{\"resource\": \"todos\", \"version\": 1, \"count\": true}");
            long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            blocker.rollback();
            assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(408);
            assertThat(aborted.body()).contains("DFQL_ABORTED");
            // Not before the configured 1.5 s; well before the 30 s default. The upper bound is generous for a
            // busy machine: it only has to tell the configured timeout from the default one.
            assertThat(waitedMs).isBetween(1_500L, 15_000L);
        }
    }

    @Test
    void allowUnknownResourcesOpensAResourceWithoutAPolicyOnlyWhenConfigured() {
        Map<String, String> environment = environment();
        String notes = "{\"resource\": \"notes\", \"version\": 1, \"select\": [\"id\"]}";

        ServedEngine.Reply closed = servedWithoutPolicies(environment, Map.of(),
                served -> served.send(token(), "POST", "/query", notes));
        closed.assertRefused(403, "FORBIDDEN", "resource", "no permissions policy");

        ServedEngine.Reply open = servedWithoutPolicies(environment, Map.of("datafn.allowUnknownResources", "true"),
                served -> served.send(token(), "POST", "/query", notes));
        open.assertOk();
    }

    @Test
    void serverseqRedisTakesEverySequenceFromRedis() throws SQLException {
        Assumptions.assumeTrue(TestRedis.configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        Map<String, String> environment = environment();
        environment.put("DATAFN_DBMAPPING_SERVERSEQ", "redis");
        environment.put("DATAFN_REDIS_URL", System.getProperty("datafn.test.redis.url"));
        Namespace ns = TestDatabases.uniqueNamespace("redis-seq");
        try (Main.Server server = Main.start(configuration(environment, Map.of()));
             JedisPooled redis = TestRedis.client()) {
            MutationResult second = null;
            for (String id : List.of("td_r1", "td_r2")) {
                second = server.datafn().mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, "
                        + "\"operation\": \"insert\", \"record\": {\"id\": \"" + id + "\", \"title\": \"t\"}}"));
            }
            assertThat(second.serverSeq()).isEqualTo(2);
            assertThat(redis.get("datafn:seq:{" + ns + "}:last")).as("Redis holds the namespace's last serverSeq")
                    .isEqualTo("2");
            assertThat(column("namespace", "datafn_sequences", ns)).as("the database sequence store was not used")
                    .isEmpty();
        }
    }

    /**
     * Serves the notes schema, whose resource declares no permissions policy, with the engine and HTTP options
     * of this configuration, and runs one exchange with it.
     */
    private ServedEngine.Reply servedWithoutPolicies(Map<String, String> environment, Map<String, String> properties,
            Function<ServedEngine, ServedEngine.Reply> exchange) {
        DataFnSettings settings = DataFnSettings.read(configuration(environment, properties).get("datafn"),
                Main.OWN_OPTIONS);
        Schema withoutPolicies = Schema.of(NoteSchemas.version1().resources().stream()
                .map(r -> r.withPolicy(null)).toList());
        try (ServedEngine served = ServedEngine.start(database, b -> b.schema(withoutPolicies).config(settings),
                datafn -> DataFnHttp.builder(datafn).authenticate(JwtAuthenticator.hs256(
                        SECRET.getBytes(StandardCharsets.UTF_8))).config(settings).build())) {
            return exchange.apply(served);
        }
    }

    /** Makes a record's change record and idempotency record look as old as given. */
    private void age(Namespace ns, String id, Duration age) throws SQLException {
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minus(age);
        try (Connection c = connect()) {
            c.setAutoCommit(true);
            for (String sql : List.of("update datafn_changes set created_at = ? where namespace = ? and record_id = ?",
                    "update datafn_idempotency set created_at = ? where namespace = ? and mutation_id = ?")) {
                try (PreparedStatement update = c.prepareStatement(sql)) {
                    update.setObject(1, then);
                    update.setString(2, ns.value());
                    update.setString(3, sql.contains("changes") ? id : "m_" + id);
                    assertThat(update.executeUpdate()).as(sql).isEqualTo(1);
                }
            }
        }
    }

    /** @return the values of a column of a system table's rows in the namespace */
    private List<String> column(String column, String table, Namespace ns) throws SQLException {
        try (Connection c = connect();
             PreparedStatement select = c.prepareStatement("select " + column + " from " + table
                     + " where namespace = ?")) {
            select.setString(1, ns.value());
            List<String> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static String token() {
        return JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
                .issue("configuration-test", null, Duration.ofHours(1));
    }

    private JsonNode get(Main.Server server, String path) {
        try {
            return Json.MAPPER.readTree(send(server, "GET", path, null).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Main.Server server, String method, String path, String body) {
        String token = token();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
