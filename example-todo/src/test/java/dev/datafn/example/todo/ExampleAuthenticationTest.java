package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's authentication as a developer meets it: without a configured secret it makes a
 * development secret readable by its owner only, keeps it across restarts, and the {@code token} command
 * signs tokens the server accepts; without a token the server answers 401.
 */
class ExampleAuthenticationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDevelopmentSecretIsMadeOnceAndTheTokenCommandSignsWithIt(@TempDir Path data) throws Exception {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.data-dir", data.toString(),
                "server.port", "0", "server.host", "127.0.0.1")));
        try (Main.Server server = Main.start(config)) {
            Path secret = data.resolve(JwtSecret.FILE);
            assertThat(secret).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            String token = token(config, "dev-user", "--ttl", "1h");
            assertThat(status(server, "Bearer " + token)).isEqualTo(200);
            assertThat(status(server, null)).isEqualTo(401);
            assertThat(status(server, "Bearer " + token.substring(0, token.length() - 2))).isEqualTo(401);
            String secretText = Files.readString(secret);
            assertThat(JwtSecret.resolve(config)).as("kept across restarts").isEqualTo(secretText.trim().getBytes());
        }
    }

    /**
     * Processes started together (the server and a {@code token} command, say) on a data directory without a secret
     * all end with the one secret that is kept: none reads the file while another is still writing it (an empty
     * secret), and none keeps a secret of its own that the file does not hold. Threads stand in for the processes:
     * each goes through the file system as a process would.
     */
    @Test
    void startsRacingToMakeTheDevelopmentSecretAllGetTheOneKept(@TempDir Path base) throws Exception {
        for (int round = 0; round < 20; round++) {
            Path data = base.resolve("round-" + round);
            Config config = Config.just(ConfigSources.create(Map.of("datafn.data-dir", data.toString())));
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
            java.util.List<java.util.concurrent.Future<byte[]>> secrets = new java.util.ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    secrets.add(threads.submit(() -> {
                        start.await();
                        return JwtSecret.development(config).orElseThrow();
                    }));
                }
            }
            byte[] kept = Files.readString(data.resolve(JwtSecret.FILE)).trim().getBytes();
            assertThat(kept).hasSizeGreaterThanOrEqualTo(32);
            for (var secret : secrets) {
                assertThat(secret.get()).as("round %d", round).isEqualTo(kept);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(JwtSecret.FILE))))
                    .isEqualTo("rw-------");
            try (var left = Files.list(data)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                        .containsExactly(JwtSecret.FILE);
            }
        }
    }

    /** An empty or cut development secret (a file left by a crash) stops the start with what to do, not an empty key. */
    @Test
    void aDevelopmentSecretFileTooShortStopsTheStart(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve(JwtSecret.FILE), "");
        Config config = Config.just(ConfigSources.create(Map.of("datafn.data-dir", data.toString())));
        assertThatThrownBy(() -> JwtSecret.resolve(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(JwtSecret.FILE).hasMessageContaining("delete it");
    }

    /** The example mounts {@code /datafn/ws}: a browser's socket (token in the query) hears its writes and 1001 at stop. */
    @Test
    void theExampleServesLiveCursorsToATokenInTheQueryAndClosesThemWith1001WhenItStops(@TempDir Path data)
            throws Exception {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.data-dir", data.toString(),
                "server.port", "0", "server.host", "127.0.0.1")));
        Main.Server server = Main.start(config);
        LiveSocket socket = null;
        try {
            String token = token(config, "live-user", "--ttl", "1h");
            socket = LiveSocket.open(server.url().replace("http://", "ws://") + "/ws", token, true);
            assertThat(socket.next().path("serverSeq").longValue()).isZero();
            HttpRequest insert = HttpRequest.newBuilder(URI.create(server.url() + "/mutation"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resource\": \"todos\", \"version\": 1, "
                            + "\"operation\": \"insert\", \"record\": {\"title\": \"live\"}}")).build();
            assertThat(http.send(insert, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(socket.next().toString()).isEqualTo("{\"type\":\"cursor\",\"serverSeq\":1,\"resources\":[\"todos\"]}");
        } finally {
            server.close();
        }
        assertThat(socket.closeCode()).isEqualTo(1001);
        socket.close();
    }

    @Test
    void theTokenCommandRefusesArgumentsItCannotRead() {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.jwt.secret",
                "a-configured-secret-of-at-least-32-bytes")));
        for (String[] args : new String[][] {{"token"}, {"token", "--tenant", "t"}, {"token", "u", "--ttl"},
                {"token", "u", "--ttl", "0h"}, {"token", "u", "--ttl", "5y"}, {"token", "u", "--colour", "red"}}) {
            CliRun refused = CliRun.of(config, args);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
            assertThat(refused.out()).as("no token").isEmpty();
            assertThat(refused.err()).as(String.join(" ", args)).contains("Usage: example-todo token");
        }
        assertThat(TokenCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.duration("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aConfiguredSecretShorterThan32BytesStopsTheStart() {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.jwt.secret", "too-short")));
        assertThatThrownBy(() -> JwtSecret.resolve(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATAFN_JWT_SECRET");
    }

    /** @return the token the {@code token} command prints for these arguments */
    private static String token(Config config, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "token";
        System.arraycopy(args, 0, line, 1, args.length);
        CliRun run = CliRun.of(config, line);
        assertThat(run.status()).as(run.toString()).isZero();
        return run.out().strip();
    }

    private int status(Main.Server server, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/status"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
