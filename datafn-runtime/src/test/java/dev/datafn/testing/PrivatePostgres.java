package dev.datafn.testing;

import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the test's own: a cluster made by {@code initdb} in a temporary directory and run by
 * {@code pg_ctl} on a free port of 127.0.0.1, so a test may stop and start it (as a crash or a restart) without
 * touching the machine's shared server. Its one superuser is {@code datafn} (trust authentication), and the
 * engine creates its tables in the {@code postgres} database. When the JVM runs as root, the cluster belongs to
 * the {@code postgres} user and its programs run as that user ({@code initdb} and {@code pg_ctl} refuse root).
 *
 * <p>{@code fsync} is off: a test kills processes, never the machine, and the page cache survives them.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final long PATIENCE_S = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    /** Stops the server should the test JVM end without closing this (a failed build interrupted). */
    private final Thread orphanStop = new Thread(this::stopQuietly, "stop private PostgreSQL");

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Makes a cluster and starts it.
     *
     * @return the running server
     * @throws org.opentest4j.TestAbortedException when no PostgreSQL programs are installed, so that the suite
     *         is reported as skipped, saying what to install
     * @throws IOException when the cluster cannot be made or started
     */
    public static PrivatePostgres start() throws IOException {
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null, "no PostgreSQL server programs (initdb, pg_ctl) under "
                + "/usr/lib/postgresql/*/bin: install the postgresql package to run this suite");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("datafn-pg-");
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort(), root);
        pg.run("initdb", "-D", pg.data(), "-U", "datafn", "--auth=trust", "--encoding=UTF8", "--no-sync");
        pg.startServer();
        Runtime.getRuntime().addShutdownHook(pg.orphanStop);
        return pg;
    }

    /** @return the newest installed PostgreSQL's {@code bin} directory, or {@code null} when none is */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElse(null);
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * @return the server's {@code postgres} database, its tables created and updated by the engine, with the
     *         default pool size
     */
    public Database database() {
        return Database.jdbc(jdbcUrl(), "datafn", "").withSchemaManagement(SchemaManagement.UPDATE);
    }

    /** @return the JDBC URL of the server's {@code postgres} database */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** @return the port it listens on, at 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * Stops the server the way a crash does ({@code pg_ctl stop -m immediate}): every backend ends at once,
     * no checkpoint; the next start recovers from the write-ahead log.
     *
     * @throws IOException when {@code pg_ctl} fails
     */
    public void crash() throws IOException {
        run("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w");
    }

    /**
     * Stops the server cleanly ({@code pg_ctl stop -m fast}): open transactions roll back, sessions are told
     * the server shuts down (SQLState 57P01), a checkpoint is written.
     *
     * @throws IOException when {@code pg_ctl} fails
     */
    public void stop() throws IOException {
        run("pg_ctl", "stop", "-D", data(), "-m", "fast", "-w");
    }

    /**
     * Starts the stopped server again, on the same port, and waits until it takes connections.
     *
     * @throws IOException when {@code pg_ctl} fails
     */
    public void restart() throws IOException {
        startServer();
    }

    private void startServer() throws IOException {
        run("pg_ctl", "start", "-D", data(), "-w", "-t", Long.toString(PATIENCE_S), "-l",
                dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off -c max_connections=60");
    }

    /** Stops the server, if it runs, and deletes the cluster. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanStop);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway.
        }
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w");
            }
        } catch (IOException e) {
            System.err.println("could not stop the private PostgreSQL in " + dir + ": " + e);
        }
    }

    /** @return what the server logged, for failure messages */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("datafn-pg-", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(PATIENCE_S * 2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not end");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + "\nserver log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** @return a port of 127.0.0.1 nothing listens on now */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
