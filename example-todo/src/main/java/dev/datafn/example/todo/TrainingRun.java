package dev.datafn.example.todo;

import dev.datafn.config.DataFnConfig;
import dev.datafn.http.JwtAuthenticator;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code training-run}: starts the server as the README's first command does (embedded H2, the index on disk) in
 * a temporary directory, on a free port of 127.0.0.1, answers a few typical requests (query, insert, search, pull)
 * over HTTP, and stops. The build runs it under {@code -XX:AOTCacheOutput} (JDK 25 and later) to make the JVM's
 * ahead-of-time cache {@code example-todo.aot} beside the jar: the classes a start and its first answers load,
 * already parsed, linked and profiled, so a start with {@code -XX:AOTCache=example-todo.aot} skips that work.
 */
final class TrainingRun {

    /** The tokens' secret: the run's own, as its data directory is. */
    private static final String SECRET = "training-run-secret-0123456789abcdef0123";

    private static final List<Request> REQUESTS = List.of(
            new Request("status", null),
            new Request("query", "{\"resource\":\"todos\",\"version\":1,\"limit\":10}"),
            new Request("mutation", """
                    {"resource":"todos","version":1,"operation":"insert","clientId":"training","mutationId":"m1",
                     "record":{"title":"Buy milk","priority":3}}"""),
            new Request("query", """
                    {"resource":"todos","version":1,"filters":{"priority":{"gte":2}},"sort":["priority:desc"],
                     "limit":20}"""),
            new Request("search", "{\"query\":\"milk\",\"resources\":[\"todos\"]}"),
            new Request("pull", "{\"version\":1,\"cursors\":{\"todos\":\"0\"}}"));

    /** One request of the run: an endpoint under {@code /datafn/}, with a JSON body or none (GET). */
    private record Request(String endpoint, String body) {
    }

    private TrainingRun() {
    }

    /** {@code training-run}, hidden: the build's, not a user's. */
    @picocli.CommandLine.Command(name = "training-run", hidden = true,
            description = "Starts, answers a few requests and stops, for the JVM's AOT cache.")
    static final class Command implements java.util.concurrent.Callable<Integer> {

        @Override
        public Integer call() {
            int status = 0;
            try {
                System.out.println(run());
            } catch (RuntimeException e) {
                e.printStackTrace();
                status = 1;
            }
            // The web server's and the engine's threads are stopped; what is left (a JDK HTTP client's selector)
            // must not keep the JVM, which writes the AOT cache when it exits, nor hang the build on a failure.
            System.exit(status);
            return status;
        }
    }

    /**
     * Runs the server through the requests and stops it.
     *
     * @return what it did, one line
     * @throws IllegalStateException when a request is not answered 200
     */
    static String run() {
        Path directory;
        try {
            directory = Files.createTempDirectory("datafn-training-run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, String> environment = Map.of("DATAFN_DATA__DIR", directory.toString(),
                    "DATAFN_JWT_SECRET", SECRET, "SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1");
            try (Main.Server server = Main.start(DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS,
                    ConfigSources.classpath("application.yaml")));
                    HttpClient client = HttpClient.newHttpClient()) {
                String token = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
                        .issue("training", null, Duration.ofMinutes(10));
                for (Request request : REQUESTS) {
                    send(client, URI.create(server.url() + "/" + request.endpoint()), token, request.body());
                }
            }
            return "training run: " + REQUESTS.size() + " requests answered";
        } finally {
            delete(directory);
        }
    }

    private static void send(HttpClient client, URI uri, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
