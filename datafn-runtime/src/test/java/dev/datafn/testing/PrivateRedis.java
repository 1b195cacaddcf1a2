package dev.datafn.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Redis server of the test's own ({@code redis-server --save "" --appendonly no} on a free port of 127.0.0.1,
 * a child process), so a test may stop and start it as an outage without touching the machine's shared server.
 * It keeps nothing on disk: a restart starts empty, as a Redis without persistence does.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final long PATIENCE_MS = 30_000;

    private final String program;
    private final int port;
    private final Path log;
    private volatile Process process;
    /** Ends the server should the test JVM end without closing this: a child process outlives its parent. */
    private final Thread orphanStop = new Thread(() -> {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }, "stop private Redis");

    private PrivateRedis(String program, int port, Path log) {
        this.program = program;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server.
     *
     * @return the running server
     * @throws org.opentest4j.TestAbortedException when {@code redis-server} is not installed, so that the
     *         suite is reported as skipped, saying what to install
     * @throws IOException when it cannot start
     */
    public static PrivateRedis start() throws IOException {
        String program = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        Assumptions.assumeTrue(program != null, "no redis-server in /usr/bin or /usr/local/bin: install the "
                + "redis-server package to run this suite");
        PrivateRedis redis = new PrivateRedis(program, PrivatePostgres.freePort(),
                Files.createTempFile("datafn-redis-", ".log"));
        redis.restart();
        Runtime.getRuntime().addShutdownHook(redis.orphanStop);
        return redis;
    }

    /** @return its URL, e.g. {@code redis://127.0.0.1:40123} */
    public URI url() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** @return the port it listens on, at 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * Ends the server at once (SIGKILL): its clients' connections break, new ones are refused.
     *
     * @throws InterruptedException when interrupted while waiting for it to end
     */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /**
     * Starts the server (again) on the same port, empty, and waits until it answers.
     *
     * @throws IOException when it does not start
     */
    public void restart() throws IOException {
        process = new ProcessBuilder(program, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("redis-server did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            int read = socket.getInputStream().read(answer);
            return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Ends the server, if it runs, and deletes its log. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanStop);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway.
        }
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
