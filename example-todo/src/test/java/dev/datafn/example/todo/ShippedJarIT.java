package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFnMigrations;
import dev.datafn.db.Database;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The jar exactly as shipped, started as the README's first command starts it: {@code java -jar
 * example-todo/target/example-todo.jar} in an empty working directory, configured only by the environment an
 * operator sets (on PostgreSQL {@code DATAFN_DB_*}, on a database the shipped migrations built), with the
 * {@code application.yaml} inside the jar. It reports healthy, takes a request signed by its own {@code token}
 * command, honours an option given as an environment variable ({@code DATAFN_LIMITS_MAXLIMIT}), and on SIGTERM
 * logs its shutdown and exits 0. One server start per database; run by failsafe after {@code package}, so
 * {@code ./mvnw verify} runs it.
 */
@OnEveryDatabase
class ShippedJarIT {

    /** Set by failsafe (example-todo/pom.xml) to the packaged jar. */
    private static final String JAR_PROPERTY = "datafn.example.jar";

    /** Patience for the token command's JVM on a busy machine; not a measure of speed. */
    private static final long COMMAND_PATIENCE_SECONDS = 120;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path scratch;

    private ScratchSchemas schemas;

    @AfterEach
    void dropSchemas() {
        if (schemas != null) {
            schemas.close();
        }
    }

    @Test
    void theShippedJarServesAnAuthenticatedRequestAndExitsZeroOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "example-todo/target/example-todo.jar"));
        assertThat(jar).as("the packaged jar (run through ./mvnw verify, which packages it first)").isRegularFile();
        assertThat(jar.resolveSibling("libs")).as("the libraries the jar's manifest names").isDirectory();
        Path workDir = Files.createDirectory(scratch.resolve("work"));
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_LIMITS_MAXLIMIT", "7"));
        environment.putAll(databaseEnvironment());

        ServerProcess server = ServerProcess.startJar(jar, workDir, environment, scratch.resolve("server.log"));
        try {
            assertThat(healthStatus(server)).as(server.output()).isEqualTo("UP");
            String token = token(jar, workDir, environment);

            HttpResponse<String> inserted = post(server, "/mutation", token, "{\"resource\": \"todos\", "
                    + "\"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td_jar\", "
                    + "\"title\": \"Served by the shipped jar\"}}");
            assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(200);
            HttpResponse<String> read = post(server, "/query", token,
                    "{\"resource\": \"todos\", \"version\": 1, \"select\": [\"title\"], \"limit\": 7}");
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("Served by the shipped jar");
            HttpResponse<String> overLimit = post(server, "/query", token,
                    "{\"resource\": \"todos\", \"version\": 1, \"select\": [\"id\"], \"limit\": 8}");
            assertThat(overLimit.statusCode()).as("DATAFN_LIMITS_MAXLIMIT=7: " + overLimit.body()).isEqualTo(400);
            assertThat(overLimit.body()).contains("maxLimit");
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/query")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resource\": \"todos\", \"version\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("the token was what let the requests in").isEqualTo(401);
        } finally {
            int exit = server.terminate();
            assertThat(exit).as(server.output()).isZero();
        }
        assertThat(server.output()).contains("SIGTERM: shutting down")
                .as("the line logged once the engine and the web server have closed").contains("StopSignals: stopped");
        try (var left = Files.list(workDir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("the jar brought its own configuration; only its data directory appeared")
                    .containsExactly("data");
        }
    }

    /**
     * @return the operator's database variables: none on H2 (the default file database under ./data), and on
     *         PostgreSQL a fresh schema built by the shipped migrations, which the server only checks
     */
    private Map<String, String> databaseEnvironment() {
        Database base = testDatabase.open();
        if (!base.isPostgres()) {
            return Map.of();
        }
        schemas = new ScratchSchemas(base);
        Database database = schemas.create("shipped");
        assertThat(DataFnMigrations.migrate(database)).isPositive();
        return Map.of("DATAFN_DB_URL", database.jdbcUrl(), "DATAFN_DB_USER", database.user(),
                "DATAFN_DB_PASSWORD", database.password());
    }

    /** @return {@code /observe/health}'s status, e.g. {@code UP}; the server already answers when this asks */
    private static String healthStatus(ServerProcess server) throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.rootUrl("/observe/health")))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(health.body());
        return body.path("status").asText();
    }

    /** @return a bearer token from the jar's own {@code token} command, in the server's working directory */
    private static String token(Path jar, Path workDir, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(ServerProcess.java(), "-jar",
                jar.toAbsolutePath().toString(), "token", "alice")).directory(workDir.toFile());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process command = builder.start();
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(command.waitFor(COMMAND_PATIENCE_SECONDS, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(command.exitValue()).as(output).isZero();
        List<String> lines = output.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String token, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
