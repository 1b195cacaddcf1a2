package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.realtime.CursorHub;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A live client that stops reading, on real sockets: the server writes to it until its socket buffers are
 * full, then the write under way blocks; once it has blocked longer than {@code heartbeatTimeoutMs} the
 * heartbeat round closes the connection with 1013. Meanwhile writers keep being answered and a reading client
 * of the same namespace keeps receiving cursors up to the latest seq: the stuck connection holds one blocked
 * write and at most one coalesced cursor, and nothing else waits for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class SlowConsumerTest {

    /** The stuck client's receive buffer: the kernel's least, so the server's window is tiny. */
    private static final int CLIENT_RECEIVE_BUFFER = 1_024;
    /**
     * The server's send buffer for accepted sockets. By default Linux lets a loopback socket's buffer grow to
     * megabytes, which small cursor frames would take tens of thousands of writes to fill; a small one makes
     * a few hundred enough. The server behaves the same either way: one write blocks once the buffers are full.
     */
    private static final int SERVER_SEND_BUFFER = 4_096;
    /**
     * How long a write may block before the server gives up: short, so the test is quick, yet several rounds
     * of writes long, so rounds complete while the stuck client's write is blocked even on a busy machine.
     */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** Writes sent at once in each round, each from a writer of its own. */
    private static final int WRITERS = 4;

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ExecutorService writers;
    private ServedEngine served;
    private DataFnHttp http;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        writers = Executors.newFixedThreadPool(WRITERS);
        // Pings an hour apart: no ping goes out during the test, so the 1008 of an unanswered ping cannot
        // close the stuck client; only the blocked write can.
        served = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> http = DataFnHttp.builder(datafn).authenticate(jwt)
                        .realtime(new RealtimeSettings(100, 100, Duration.ofHours(1), WRITE_TIMEOUT)).build(),
                server -> server.connectionOptions(socket -> socket.socketSendBufferSize(SERVER_SEND_BUFFER)));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
        writers.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1013WhileWritersAndAReadingClientOfItsNamespaceGoOn() throws Exception {
        String token = jwt.issue("u-" + UUID.randomUUID(), null, Duration.ofHours(1), Map.of("admin", true));
        Namespace namespace = Namespace.user(jwt.verify(token).userId());
        CursorHub hub = http.cursorHub();
        // The watcher is declared first so that it is closed last, after the socket it may be reading.
        try (ExecutorService watcher = Executors.newSingleThreadExecutor();
                LiveSocket reading = LiveSocket.open(served, token);
                SilentWebSocket stuck = new SilentWebSocket(served.server().port(), token, CLIENT_RECEIVE_BUFFER)) {
            assertThat(reading.next().path("type").textValue()).isEqualTo("hello");
            awaitConnections(hub, 2);
            // The stuck client reads again as soon as the server gives up on it, whatever the writes are doing:
            // the close frame waits behind the blocked write, and the server drops the connection 1 s after
            // closing it, so a client that reads only later finds the connection gone without the close frame.
            Future<List<SilentWebSocket.Frame>> received = watcher.submit(() -> {
                awaitConnections(hub, 1);
                return readToTheEnd(stuck);
            });

            // Until then the stuck client reads nothing. Each round's writes are answered, and the reading
            // client reaches their seq, before the next round; the rounds go on until the server has closed
            // the stuck client.
            long reached = 0;
            long reachedWhileStuckConnected = 0;
            int rounds = 0;
            long deadline = System.nanoTime() + LiveSocket.PATIENCE.toNanos();
            while (true) {
                assertThat(System.nanoTime()).as("the stuck client closed within " + LiveSocket.PATIENCE
                        + ", after " + rounds + " rounds of writes").isLessThan(deadline);
                writeRound(token, rounds++);
                reached = awaitSeq(reading, served.datafn().settledServerSeq(namespace), reached);
                if (hub.connectionCount() < 2) {
                    break;
                }
                reachedWhileStuckConnected = reached;
            }

            // Once the server gave up on it, the stuck client reads what reached it: hello and cursors up to
            // the one whose write blocked, then the close. No ping was due, so only the blocked write closed it.
            List<SilentWebSocket.Frame> frames = received.get(LiveSocket.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frames).as("what the stuck client received").hasSizeGreaterThan(2);
            assertThat(frames).extracting(SilentWebSocket.Frame::opcode).doesNotContain(SilentWebSocket.Frame.PING);
            SilentWebSocket.Frame last = frames.getLast();
            assertThat(last.opcode()).as("the last frame is the close").isEqualTo(SilentWebSocket.Frame.CLOSE);
            assertThat(last.closeCode()).isEqualTo(CursorHub.TRY_AGAIN_LATER);
            assertThat(stuck.endedByServer()).as("the connection dropped").isTrue();
            // Writers and the reading client went on while the server was stuck writing to the other: a
            // round whose cursor was the one that blocked completed before the server gave up on it.
            assertThat(reachedWhileStuckConnected).as("the seq the reading client reached while the stuck one "
                    + "was connected, against the last the stuck one received")
                    .isGreaterThanOrEqualTo(lastCursorSeq(frames));

            // The reading client stays, and keeps up with the next write.
            writeRound(token, rounds);
            awaitSeq(reading, served.datafn().settledServerSeq(namespace), reached);
            assertThat(hub.connectionCount()).isEqualTo(1);
        }
    }

    /** Sends {@link #WRITERS} inserts at once and checks each is answered 200. */
    private void writeRound(String token, int round) throws Exception {
        List<Future<ServedEngine.Reply>> answers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String id = "r" + round + "-w" + w;
            answers.add(writers.submit(() -> served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", "
                    + "\"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"" + id + "\", \"title\": \""
                    + id + "\"}}")));
        }
        for (Future<ServedEngine.Reply> answer : answers) {
            answer.get(LiveSocket.PATIENCE.toMillis(), TimeUnit.MILLISECONDS).assertOk();
        }
    }

    /** Reads cursors until one reaches the seq; they never go backwards. @return the seq reached */
    private static long awaitSeq(LiveSocket socket, long seq, long lastSeen) throws InterruptedException {
        long seen = lastSeen;
        while (seen < seq) {
            JsonNode frame = socket.next();
            assertThat(frame.path("type").textValue()).as(frame.toString()).isEqualTo("cursor");
            long next = frame.path("serverSeq").longValue();
            assertThat(next).as(frame.toString()).isGreaterThan(seen);
            seen = next;
        }
        return seen;
    }

    private static void awaitConnections(CursorHub hub, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LiveSocket.PATIENCE.toNanos();
        while (hub.connectionCount() != count) {
            assertThat(System.nanoTime()).as(count + " connections within " + LiveSocket.PATIENCE).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /** @return the seq of the last cursor among the frames */
    private static long lastCursorSeq(List<SilentWebSocket.Frame> frames) throws IOException {
        long seq = -1;
        for (SilentWebSocket.Frame frame : frames) {
            if (frame.opcode() == SilentWebSocket.Frame.TEXT) {
                JsonNode json = Json.MAPPER.readTree(frame.payload());
                if ("cursor".equals(json.path("type").textValue())) {
                    seq = json.path("serverSeq").longValue();
                }
            }
        }
        return seq;
    }

    /** @return the whole frames received until a close frame, the end of the stream or a reset */
    private static List<SilentWebSocket.Frame> readToTheEnd(SilentWebSocket socket) {
        List<SilentWebSocket.Frame> frames = new ArrayList<>();
        try {
            for (SilentWebSocket.Frame frame = socket.next(); frame != null; frame = socket.next()) {
                frames.add(frame);
                if (frame.opcode() == SilentWebSocket.Frame.CLOSE) {
                    break;
                }
                if (frame.opcode() == SilentWebSocket.Frame.TEXT) {
                    String text = new String(frame.payload(), StandardCharsets.UTF_8);
                    assertThat(text).as("a whole frame").endsWith("}");
                }
            }
        } catch (IOException reset) {
            // The server dropped the connection: what came before is all there is.
        }
        return frames;
    }
}
