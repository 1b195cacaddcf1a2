package dev.datafn.example.todo;

import dev.datafn.db.Database;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example's {@link Main} as a real child process, the way an operator runs it: its own JVM on this
 * test's class path, configured through environment variables and system properties, stopped by a signal.
 *
 * @param process the running JVM
 * @param port    the port it serves on, at 127.0.0.1
 * @param log     where its output goes
 */
record ServerProcess(Process process, int port, Path log) {

    /** How long a start may take on a busy machine before the test gives up waiting; not a measure of speed. */
    private static final long START_PATIENCE_MS = 120_000;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Starts the example and waits until it answers.
     *
     * @param database the database it serves: PostgreSQL by {@code DATAFN_DB_URL}, H2 as a file under {@code dir}
     * @param dir      a directory of the test's own for the H2 file and the output
     * @param secret   the JWT secret ({@code DATAFN_JWT_SECRET})
     * @return the running server
     * @throws Exception when it cannot start
     */
    static ServerProcess start(Database database, Path dir, String secret) throws Exception {
        return start(database, dir, secret, java.util.Map.of());
    }

    /**
     * Starts the example with more settings, e.g. {@code DATAFN_SHUTDOWNTIMEOUTMS}, and waits until it answers.
     *
     * @param database    the database it serves
     * @param dir         a directory of the test's own
     * @param secret      the JWT secret
     * @param environment further environment variables
     * @return the running server
     * @throws Exception when it cannot start
     */
    static ServerProcess start(Database database, Path dir, String secret, java.util.Map<String, String> environment)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dserver.port=" + port, "-Dserver.host=127.0.0.1", "-Ddatafn.data-dir=" + dir.resolve("data")));
        command.add(Main.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (database.jdbcUrl().startsWith("jdbc:postgresql:")) {
            builder.environment().put("DATAFN_DB_URL", database.jdbcUrl());
            builder.environment().put("DATAFN_DB_USER", database.user());
            builder.environment().put("DATAFN_DB_PASSWORD", database.password());
        }
        builder.environment().put("DATAFN_JWT_SECRET", secret);
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(dir, "server-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        server.awaitServing();
        return server;
    }

    private void awaitServing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_PATIENCE_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(url("/status"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start:\n" + output());
    }

    /** @param path a path under {@code /datafn} @return its URL */
    String url(String path) {
        return "http://127.0.0.1:" + port + "/datafn" + path;
    }

    /**
     * Sends SIGTERM ({@link Process#destroy()} is "normal termination", SIGTERM, on Linux) and waits for
     * the process to end.
     *
     * @return its exit status
     * @throws InterruptedException when interrupted while waiting
     */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** @return everything the server printed, for failure messages */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
