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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The example's {@link Main} as a real child process, the way an operator runs it: its own JVM (on this
 * test's class path, or the packaged jar), configured through environment variables and system properties,
 * stopped by a signal.
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
        return start(database, dir, secret, Map.of());
    }

    /**
     * Starts the example with more settings, e.g. {@code DATAFN_SHUTDOWNTIMEOUTMS}, and waits until it answers.
     *
     * @param database the database it serves
     * @param dir      a directory of the test's own
     * @param secret   the JWT secret
     * @param settings further environment variables
     * @return the running server
     * @throws Exception when it cannot start
     */
    static ServerProcess start(Database database, Path dir, String secret, Map<String, String> settings)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "-Dserver.port=" + port, "-Dserver.host=127.0.0.1", "-Ddatafn.data-dir=" + dir.resolve("data")));
        command.add(Main.class.getName());
        Map<String, String> environment = new HashMap<>();
        if (database.jdbcUrl().startsWith("jdbc:postgresql:")) {
            environment.put("DATAFN_DB_URL", database.jdbcUrl());
            environment.put("DATAFN_DB_USER", database.user());
            environment.put("DATAFN_DB_PASSWORD", database.password());
            // The suites share one scratch database whose tables the engines update, as TestDatabases does.
            environment.put("DATAFN_DB_SCHEMA", "update");
        }
        environment.put("DATAFN_JWT_SECRET", secret);
        environment.putAll(settings);
        return launch(command, dir, environment, Files.createTempFile(dir, "server-", ".log"), port);
    }

    /**
     * Starts the shipped jar as the README's first command does ({@code java -jar example-todo.jar}), in a
     * working directory of its own, configured only by environment variables, and waits until it answers.
     *
     * @param jar         the packaged jar, with its {@code libs/} beside it
     * @param workDir     the working directory (the default {@code ./data} lands there)
     * @param environment what the operator sets, e.g. {@code DATAFN_DB_URL}; the port is chosen here
     * @param log         where its output goes, outside the working directory
     * @return the running server
     * @throws Exception when it cannot start
     */
    static ServerProcess startJar(Path jar, Path workDir, Map<String, String> environment, Path log)
            throws Exception {
        int port = freePort();
        Map<String, String> withPlace = new HashMap<>(environment);
        withPlace.put("SERVER_PORT", Integer.toString(port));
        withPlace.put("SERVER_HOST", "127.0.0.1");
        return launch(List.of(java(), "-jar", jar.toAbsolutePath().toString()), workDir, withPlace, log, port);
    }

    /** @return the java launcher of this JVM, so the child runs on the same JDK */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static ServerProcess launch(List<String> command, Path workDir, Map<String, String> environment,
            Path log, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(environment);
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

    /** @param path a path from the root, e.g. {@code /observe/health} @return its URL */
    String rootUrl(String path) {
        return "http://127.0.0.1:" + port + path;
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
