package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example serves its web app beside the protocol: the page and its modules, never cached stale, and the
 * development sign-in only while it runs on its development secret. (The app itself: {@link WebAppBrowserTest}.)
 */
class WebAppTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    private Path data;

    private Config config(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of("datafn.data-dir", data.toString(), "server.port", "0",
                "server.host", "127.0.0.1"));
        values.putAll(more);
        return Config.just(ConfigSources.create(values));
    }

    @Test
    void itServesThePageAndItsModulesRevalidatedOnEveryLoad() throws Exception {
        try (Main.Server server = Main.start(config(Map.of()))) {
            HttpResponse<String> page = get(server, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/app/app.js\"></script>");
            for (String module : new String[] {"/app/app.js", "/app/api.js", "/app/store.js", "/app/sync.js", "/app/dom.js",
                    "/sw.js"}) {
                HttpResponse<String> script = get(server, module);
                assertThat(script.statusCode()).as(module).isEqualTo(200);
                // Browsers run a module only with a JavaScript type.
                assertThat(script.headers().firstValue("Content-Type")).as(module)
                        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
                assertThat(script.headers().firstValue("Cache-Control")).as(module).hasValue("no-cache");
            }
            assertThat(get(server, "/app/style.css").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
            assertThat(get(server, "/app/missing.js").statusCode()).isEqualTo(404);
            assertThat(get(server, "/app/../application.yaml").statusCode()).isIn(400, 404);
            // The protocol is still where it was, behind its authentication.
            assertThat(get(server, "/datafn/status").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void onTheDevelopmentSecretTheDevelopmentSignInSignsTokensTheServerAccepts() throws Exception {
        try (Main.Server server = Main.start(config(Map.of()))) {
            HttpResponse<String> answer = post(server, "/dev/token", "{\"user\": \"alice\"}", null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            String token = Json.MAPPER.readTree(answer.body()).at("/result/token").asText();
            // The token names alice (her namespace) and carries admin: she may create a project.
            HttpResponse<String> project = post(server, "/datafn/mutation", "{\"resource\": \"projects\", \"version\": 1,"
                    + " \"operation\": \"insert\", \"record\": {\"name\": \"Home\"}}", token);
            assertThat(project.statusCode()).as(project.body()).isEqualTo(200);
            String bobs = Json.MAPPER.readTree(post(server, "/dev/token", "{\"user\": \"bob\", \"admin\": false}", null)
                    .body()).at("/result/token").asText();
            JsonNode bobSees = Json.MAPPER.readTree(post(server, "/datafn/query",
                    "{\"resource\": \"projects\", \"version\": 1}", bobs).body());
            assertThat(bobSees.at("/result/data")).as("another namespace").isEmpty();
            assertThat(post(server, "/datafn/mutation", "{\"resource\": \"projects\", \"version\": 1,"
                    + " \"operation\": \"insert\", \"record\": {\"name\": \"Home\"}}", bobs).statusCode())
                    .as("no admin claim").isEqualTo(403);

            for (String bad : new String[] {"", "[]", "{}", "{\"user\": 7}", "{\"user\": \"\"}", "{\"user\": \"a b\"}",
                    "{\"user\": \"" + "x".repeat(65) + "\"}", "{\"user\": \"alice\", \"admin\": \"yes\"}"}) {
                HttpResponse<String> refused = post(server, "/dev/token", bad, null);
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").asText()).as(bad).isEqualTo("DFQL_INVALID");
            }
        }
    }

    /**
     * The development sign-in is one request of the protocol's pipeline, without authentication: it carries a
     * request id, its body is held to the payload limit, the rate limit of the client's address applies, and
     * once shutdown begins it answers 503 like every endpoint.
     */
    @Test
    void theDevelopmentSignInGoesThroughTheRequestPipeline() throws Exception {
        try (Main.Server server = Main.start(config(Map.of("datafn.limits.maxPayloadBytes", "1024",
                "datafn.rateLimit.enabled", "true", "datafn.rateLimit.maxRequests", "4")))) {
            HttpResponse<String> answer = post(server, "/dev/token", "{\"user\": \"alice\"}", null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
            // Through a proxy on this machine every caller would look local: a forwarded request is refused.
            HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.web().port() + "/dev/token"))
                    .header("X-Forwarded-For", "203.0.113.9")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"alice\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(403);
            HttpResponse<String> large = post(server, "/dev/token",
                    "{\"user\": \"alice\", \"pad\": \"" + "x".repeat(2048) + "\"}", null);
            assertThat(large.statusCode()).as(large.body()).isEqualTo(413);
            assertThat(Json.MAPPER.readTree(large.body()).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            HttpResponse<String> third = post(server, "/dev/token", "{\"user\": \"alice\"}", null);
            assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
            HttpResponse<String> limited = post(server, "/dev/token", "{\"user\": \"alice\"}", null);
            assertThat(limited.statusCode()).as("the address's fourth request: " + limited.body()).isEqualTo(429);
            assertThat(Json.MAPPER.readTree(limited.body()).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
        }
        try (Main.Server server = Main.start(config(Map.of()))) {
            server.datafn().close();
            HttpResponse<String> closing = post(server, "/dev/token", "{\"user\": \"alice\"}", null);
            assertThat(closing.statusCode()).as(closing.body()).isEqualTo(503);
        }
    }

    @Test
    void theDevelopmentSignInAnswersThisMachineOnly() throws Exception {
        // An address of this machine that is not loopback: the request then comes from a non-loopback peer.
        Optional<InetAddress> own = NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
        Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
        try (Main.Server server = Main.start(config(Map.of("server.host", "0.0.0.0")))) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://"
                            + own.get().getHostAddress() + ":" + server.web().port() + "/dev/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"alice\"}")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("FORBIDDEN").doesNotContain("token\":");
            assertThat(post(server, "/dev/token", "{\"user\": \"alice\"}", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withAConfiguredSecretThereIsNoDevelopmentSignIn() throws Exception {
        try (Main.Server server = Main.start(config(Map.of("datafn.jwt.secret", "a-configured-secret-of-at-least-32-bytes")))) {
            assertThat(post(server, "/dev/token", "{\"user\": \"alice\"}", null).statusCode()).isEqualTo(404);
            assertThat(get(server, "/").statusCode()).as("the page is still served").isEqualTo(200);
        }
    }

    private HttpResponse<String> get(Main.Server server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(root(server) + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(Main.Server server, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root(server) + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String root(Main.Server server) {
        return "http://127.0.0.1:" + server.web().port();
    }
}
