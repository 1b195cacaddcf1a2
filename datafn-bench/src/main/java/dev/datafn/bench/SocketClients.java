package dev.datafn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bench's end of a {@link SocketClientProcess}: starts it with this JVM's {@code java} and class path,
 * sends it commands and reads its answers. The child has a small heap and the serial collector, so it adds
 * few threads of its own to the cores the server and the database share.
 */
final class SocketClients implements AutoCloseable {

    /**
     * What the clients counted.
     *
     * @param hellos         hello frames received
     * @param pings          pings received and answered
     * @param closedByServer sockets the server closed
     * @param errorFrames    error frames received
     */
    record Counts(long hellos, long pings, long closedByServer, long errorFrames) {
    }

    /**
     * A cursor frame that moved its socket forward.
     *
     * @param namespace      the socket's namespace
     * @param after          the seq the socket knew before: the frame covers the commits above it
     * @param seq            the frame's serverSeq
     * @param receivedMicros when it was read, {@link SharedClock#micros()}
     */
    record Frame(String namespace, long after, long seq, long receivedMicros) {
    }

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final long openFileLimit;

    /**
     * Starts the client process and waits for it to be ready.
     *
     * @throws IOException when it cannot start
     */
    SocketClients() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SocketClientProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = answers.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IOException("the socket client process did not start: " + ready);
        }
        openFileLimit = Long.parseLong(ready.substring("ready ".length()));
    }

    /** @return the CPU time the client process used so far (user and system), in seconds */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** @return the client process's open-file limit */
    long openFileLimit() {
        return openFileLimit;
    }

    /**
     * Opens sockets (closing any open before) and waits for each one's hello.
     *
     * @param port       the server's port on 127.0.0.1
     * @param count      how many
     * @param token      their bearer token
     * @param prefix     the start of their namespaces
     * @param namespaces how many namespaces they spread over, in turn
     * @return the seconds it took
     * @throws IOException when the process fails or a socket cannot open
     */
    double open(int port, int count, String token, String prefix, int namespaces) throws IOException {
        return Double.parseDouble(ask("open " + port + " " + count + " " + token + " " + prefix + " " + namespaces,
                line -> { }));
    }

    /**
     * @return what the clients counted since their sockets opened
     * @throws IOException when the process fails
     */
    Counts counts() throws IOException {
        String[] n = ask("counts", line -> { }).split(" ");
        return new Counts(Long.parseLong(n[0]), Long.parseLong(n[1]), Long.parseLong(n[2]), Long.parseLong(n[3]));
    }

    /**
     * @return the cursor frames that moved a socket forward since the last call
     * @throws IOException when the process fails
     */
    List<Frame> frames() throws IOException {
        List<Frame> frames = new ArrayList<>();
        ask("frames", line -> {
            String[] w = line.split(" ");
            frames.add(new Frame(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4])));
        });
        return frames;
    }

    /**
     * Closes the sockets with 1000.
     *
     * @throws IOException when the process fails
     */
    void closeSockets() throws IOException {
        ask("close", line -> { });
    }

    /** Sends a command; hands each line before the {@code ok} to {@code lines}; returns what follows {@code ok}. */
    private String ask(String command, Consumer<String> lines) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.equals("ok") || line.startsWith("ok ")) {
                return line.length() > 3 ? line.substring(3) : "";
            }
            if (line.startsWith("error ")) {
                throw new IOException("socket clients: " + line.substring("error ".length()));
            }
            lines.accept(line);
        }
        throw new IOException("the socket client process ended");
    }

    /** Closes stdin, which ends the process (its sockets close); forces it after 30 s. */
    @Override
    public void close() throws Exception {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
