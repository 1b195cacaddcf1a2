package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.config.ConfigOption;
import dev.datafn.config.ConfigOptions;
import dev.datafn.config.DataFnConfig;
import dev.datafn.config.InvalidConfigException;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The example reads its whole configuration as an operator gives it: the shipped {@code application.yaml}
 * (which documents every option), environment variables and system properties; a fault stops the start with
 * a message naming the key. Run on every database, configured as an operator would: through
 * {@code DATAFN_DB_URL}.
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

    /** @return the environment of a server on this run's database, with its secret */
    private Map<String, String> environment() {
        var db = testDatabase.open();
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

    private JsonNode get(Main.Server server, String path) {
        try {
            return Json.MAPPER.readTree(send(server, "GET", path, null).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Main.Server server, String method, String path, String body) {
        String token = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
                .issue("configuration-test", null, Duration.ofHours(1));
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
