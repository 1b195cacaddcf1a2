package dev.datafn.bench;

import dev.datafn.realtime.CursorHub;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * The soak's WebSocket clients: a few sockets in the write namespaces, in the {@link SocketClients} process,
 * all closed and opened anew at a fixed interval (each open waits for every socket's hello), so the server
 * keeps accepting, greeting, broadcasting cursor frames to, pinging and dropping sockets for the whole run.
 * A reading is taken between two reconnections, with the server's count of sockets settled to the client's.
 */
final class SoakSockets implements AutoCloseable {

    /**
     * What the sockets did since the last reading.
     *
     * @param open     sockets the client process holds open now
     * @param opened   sockets opened and greeted since the last reading
     * @param frames   cursor frames received since the last reading
     * @param failures sockets the server closed, error frames and opens that failed since the last reading
     */
    record Reading(int open, long opened, long frames, long failures) {
    }

    /** The longest a reading waits for the server to drop the sockets the client closed. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final SocketClients clients;
    private final CursorHub hub;
    private final int port;
    private final int count;
    private final String prefix;
    private final int namespaces;
    private final Duration every;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread churn;
    private volatile boolean running = true;

    // Guarded by lock.
    private long opened;
    private long frames;
    private long failures;
    private SocketClients.Counts endedSets = new SocketClients.Counts(0, 0, 0, 0);
    private long readOpened;
    private long readFrames;
    private long readFailures;

    /**
     * Opens the first sockets and starts reconnecting them.
     *
     * @param clients    the client process
     * @param hub        the server's hub, whose count a reading settles
     * @param port       the server's port
     * @param count      the sockets open at a time
     * @param prefix     the start of their namespaces
     * @param namespaces how many namespaces they spread over
     * @param every      how often all of them are closed and opened anew
     */
    SoakSockets(SocketClients clients, CursorHub hub, int port, int count, String prefix, int namespaces,
            Duration every) {
        this.clients = clients;
        this.hub = hub;
        this.port = port;
        this.count = count;
        this.prefix = prefix;
        this.namespaces = namespaces;
        this.every = every;
        reconnect();
        this.churn = Thread.ofPlatform().name("soak-sockets").daemon().start(this::churn);
    }

    private void churn() {
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                reconnect();
            }
        }
    }

    /** Closes every socket and opens as many anew, counting what the closed ones saw. */
    private void reconnect() {
        lock.lock();
        try {
            drain();
            endedSets = add(endedSets, clients.counts());
            clients.open(port, count, "bench-soak", prefix, namespaces);
            opened += count;
        } catch (IOException e) {
            failures++;
            System.out.println("soak: reopening the sockets failed: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a reading between two reconnections: waits (bounded) until the server holds as many sockets as the
     * client, then hands the client's count to {@code server}, which reads the server meanwhile.
     *
     * @param server reads the server, given the sockets the client holds open
     * @param <T>    what it reads
     * @return the server's reading, and the sockets' since the last one
     * @throws IOException          when the client process fails
     * @throws InterruptedException when interrupted
     */
    <T> Read<T> read(IntFunction<T> server) throws IOException, InterruptedException {
        lock.lock();
        try {
            drain();
            SocketClients.Counts current = clients.counts();
            int open = (int) (current.hellos() - current.closedByServer());
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (hub.connectionCount() != open && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            T reading = server.apply(open);
            SocketClients.Counts all = add(endedSets, current);
            long failed = failures + all.closedByServer() + all.errorFrames();
            Reading sockets = new Reading(open, opened - readOpened, frames - readFrames, failed - readFailures);
            readOpened = opened;
            readFrames = frames;
            readFailures = failed;
            return new Read<>(reading, sockets);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A reading of the server and of the sockets, taken together.
     *
     * @param server  the server's
     * @param sockets the sockets'
     * @param <T>     the server's reading
     */
    record Read<T>(T server, Reading sockets) {
    }

    /** Takes the frames the client process holds, so its list stays short. */
    private void drain() {
        try {
            frames += clients.frames().size();
        } catch (IOException e) {
            failures++;
        }
    }

    private static SocketClients.Counts add(SocketClients.Counts a, SocketClients.Counts b) {
        return new SocketClients.Counts(a.hellos() + b.hellos(), a.pings() + b.pings(),
                a.closedByServer() + b.closedByServer(), a.errorFrames() + b.errorFrames());
    }

    /** Stops reconnecting and closes the sockets. */
    @Override
    public void close() throws Exception {
        running = false;
        churn.interrupt();
        churn.join();
        lock.lock();
        try {
            clients.closeSockets();
        } finally {
            lock.unlock();
        }
    }
}
