package dev.datafn.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The realtime scenario's live sockets, in a process of their own that the bench starts
 * ({@link SocketClients}): the server's JVM then holds only the server's end of each socket, in its heap and
 * in its file descriptors. It reads one command a line on stdin and answers on stdout, each answer ending
 * with a line {@code ok ...} or {@code error <message>}:
 *
 * <ul>
 * <li>{@code open <port> <count> <token> <namespace prefix> <namespaces>}: opens {@code count} sockets to
 *     {@code ws://127.0.0.1:<port>/datafn/ws}, the i-th in namespace {@code prefix + i % namespaces}, and waits
 *     for every hello; {@code ok <seconds it took>}.</li>
 * <li>{@code counts}: {@code ok <hellos> <pings answered> <closed by the server> <error frames>}.</li>
 * <li>{@code frames}: one line {@code frame <namespace> <after seq> <seq> <received micros>} per cursor frame
 *     that moved its socket forward since the last {@code frames}: the frame covers the namespace's commits
 *     after the first seq up to the second, and was read at {@link SharedClock#micros()}; then {@code ok <n>}.</li>
 * <li>{@code close}: closes the sockets; {@code ok}.</li>
 * </ul>
 *
 * On start it prints {@code ready <open-file limit>}; it ends when stdin does.
 */
public final class SocketClientProcess {

    private static final String PATH = "/datafn/ws";
    private static final int CONNECTING_THREADS = 16;
    /** The most sockets opened and not yet greeted, as a crowd of clients reconnecting at a steady pace. */
    private static final int MAX_UNGREETED = 64;
    private static final Duration HELLO_WAIT = Duration.ofSeconds(120);

    /** A cursor frame that moved a socket forward, kept until the bench asks for it. */
    private record Frame(String namespace, long after, long seq, long receivedMicros) {
    }

    private final List<Frame> frames = new ArrayList<>();
    private final PrintStream out;
    private LiveSockets sockets;

    private SocketClientProcess(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args none
     * @throws Exception when stdin or stdout fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        SocketClientProcess process = new SocketClientProcess(out);
        out.println("ready " + openFileLimit());
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                process.command(line.strip().split(" "));
            } catch (Exception e) {
                out.println("error " + e.toString().replace('\n', ' '));
            }
            out.flush();
        }
        process.closeSockets();
    }

    private void command(String[] words) throws Exception {
        switch (words[0]) {
            case "open" -> {
                closeSockets();
                long start = System.nanoTime();
                open(Integer.parseInt(words[1]), Integer.parseInt(words[2]), words[3], words[4],
                        Integer.parseInt(words[5]));
                out.printf("ok %.3f%n", (System.nanoTime() - start) / 1e9);
            }
            case "counts" -> {
                LiveSockets s = sockets;
                out.println(s == null ? "ok 0 0 0 0"
                        : "ok " + s.hellos() + " " + s.pings() + " " + s.closedByServer() + " " + s.errorFrames());
            }
            case "frames" -> {
                List<Frame> taken;
                synchronized (frames) {
                    taken = new ArrayList<>(frames);
                    frames.clear();
                }
                for (Frame f : taken) {
                    out.println("frame " + f.namespace() + " " + f.after() + " " + f.seq() + " " + f.receivedMicros());
                }
                out.println("ok " + taken.size());
            }
            case "close" -> {
                closeSockets();
                out.println("ok");
            }
            default -> out.println("error unknown command " + words[0]);
        }
    }

    /** Opens the sockets with a few threads doing the upgrades, then waits (bounded) for every hello. */
    private void open(int port, int count, String token, String prefix, int namespaces) throws Exception {
        sockets = new LiveSockets(port, PATH, token, recorder());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(CONNECTING_THREADS)) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < CONNECTING_THREADS; t++) {
                all.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        // The server answers the upgrade before it reads the namespace's seq for the hello, so
                        // unpaced upgrades can queue thousands of those reads on its connection pool.
                        while (i - sockets.hellos() >= MAX_UNGREETED) {
                            Thread.sleep(1);
                        }
                        sockets.open(prefix + (i % namespaces));
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        long deadline = System.nanoTime() + HELLO_WAIT.toNanos();
        while (sockets.hellos() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (sockets.hellos() < count) {
            throw new IllegalStateException("only " + sockets.hellos() + " of " + count + " sockets were greeted");
        }
    }

    private void closeSockets() throws Exception {
        if (sockets != null) {
            sockets.close();
            sockets = null;
        }
        synchronized (frames) {
            frames.clear();
        }
    }

    /** Keeps each cursor frame that moves its socket past the seq it knew (the hello's, or an earlier frame's). */
    private LiveSockets.Listener recorder() {
        return new LiveSockets.Listener() {
            @Override
            public void hello(LiveSockets.Conn conn, long serverSeq) {
                conn.lastSeq = serverSeq;
            }

            @Override
            public void cursor(LiveSockets.Conn conn, long serverSeq, long receivedMicros) {
                if (serverSeq > conn.lastSeq) {
                    synchronized (frames) {
                        frames.add(new Frame(conn.namespace(), conn.lastSeq, serverSeq, receivedMicros));
                    }
                    conn.lastSeq = serverSeq;
                }
            }
        };
    }

    /** @return the process's open-file limit as the JVM set it (on Linux it raises the soft limit to the hard one) */
    static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
