package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabases;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests the web server refuses before any route sees them are answered in the envelope, by the example
 * as it is started: a URI with an invalid percent-escape, a request line too long, headers too large.
 * Found by {@link GeneratedRequestsFuzzTest}, whose REST cases carry long query parameters. H2 only: no database is asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportRefusalTest {

    private Main.Server server;

    @BeforeAll
    void start() {
        var db = TestDatabases.h2();
        server = Main.start(Config.just(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1",
                "datafn.db.url", db.jdbcUrl(), "datafn.db.user", db.user(), "datafn.db.password", db.password(),
                "datafn.jwt.secret", "transport-refusal-test-secret-0123456789"))));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anUnreadableUriIsRefusedInTheEnvelope() {
        assertRefused(raw("GET /datafn/resources/todos?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "DFQL_INVALID");
        assertRefused(raw("GET /datafn/resources/to%zzdos HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "DFQL_INVALID");
    }

    @Test
    void aRequestLineOrHeadersTooLongAreRefusedInTheEnvelope() {
        assertRefused(raw("GET /datafn/resources/todos?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                414, "DFQL_INVALID");
        // Helidon answers headers past its limit with 400.
        assertRefused(raw("GET /datafn/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n"),
                400, "DFQL_INVALID");
    }

    /** A status and parsed JSON body. */
    private record Answer(int status, String head, JsonNode body, String raw) {
    }

    private static void assertRefused(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.head().toLowerCase(java.util.Locale.ROOT)).as(answer.raw())
                .contains("content-type: application/json");
        assertThat(answer.body()).as(answer.raw()).isNotNull();
        assertThat(answer.body().path("ok").booleanValue()).as(answer.raw()).isFalse();
        assertThat(answer.body().at("/error/code").textValue()).as(answer.raw()).isEqualTo(code);
        assertThat(answer.body().at("/error/message").textValue()).as(answer.raw()).isNotBlank();
    }

    /** Sends the bytes as they are, which no HTTP client would, and reads the answer until the server closes. */
    private Answer raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.web().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            JsonNode json = body.isBlank() ? null : Json.MAPPER.readTree(body);
            return new Answer(status, head, json, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
