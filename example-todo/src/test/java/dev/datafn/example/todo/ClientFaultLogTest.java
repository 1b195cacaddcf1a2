package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.config.DataFnConfig;
import dev.datafn.http.JwtAuthenticator;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that goes away in the middle of its request is its own fault: the server tells it in one line, without
 * a stack trace, whether it left during the body (the access log's 499) or during the head (before any route ran,
 * where Helidon alone would log a server error with twenty lines of stack). Clients that hang up by the hundred
 * must not flood the log. H2 only: no database is asked.
 */
class ClientFaultLogTest {

    private static final String SECRET = "client-fault-log-test-secret-0123456789";
    private static final int ABORTS = 10;
    /** How long to wait for the server to notice the last hang-up; patience on a busy machine, not a measure. */
    private static final long PATIENCE_MS = 30_000;

    @TempDir
    Path data;

    @Test
    void clientsThatHangUpMidRequestAreLoggedOneLineEachWithoutAStackTrace() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_JWT_SECRET", SECRET,
                "SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1"));
        environment.put("DATAFN_DATA__DIR", data.toString());
        Config config = DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS,
                ConfigSources.classpath("application.yaml"));
        Logger root = Logger.getLogger("");
        try (Main.Server server = Main.start(config)) {
            String token = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8))
                    .issue("hangs-up", null, Duration.ofHours(1));
            root.addHandler(capture);
            for (int i = 0; i < ABORTS; i++) {
                hangUpAfter(server, "POST /datafn/mutation HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"resource\":");
                hangUpAfter(server, "POST /datafn/mutation HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
            while (hangUpLines(records) < ABORTS && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(20);
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (records) {
            assertThat(hangUpLines(records)).as("one line per head left unfinished").isEqualTo(ABORTS);
            assertThat(records).as("no stack trace, no server error").noneMatch(r -> r.getThrown() != null)
                    .noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                            && r.getLoggerName().startsWith("io.helidon"));
        }
    }

    /** Sends part of a request, then closes the connection, waiting for nothing. */
    private static void hangUpAfter(Main.Server server, String part) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.web().port())) {
            socket.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
    }

    private static long hangUpLines(List<LogRecord> records) {
        synchronized (records) {
            return records.stream().filter(r -> r.getMessage() != null
                    && r.getMessage().contains("closed its connection before the end of its request's head")).count();
        }
    }
}
