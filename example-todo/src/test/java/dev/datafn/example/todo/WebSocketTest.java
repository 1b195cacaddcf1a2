package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.http.RateLimit;
import dev.datafn.http.TimingEvent;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.InMemoryKeyValueStore;
import dev.datafn.sequence.KVSequenceStore;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * {@code GET /datafn/ws} on real sockets: the hello, a cursor after every kind of write with the resources
 * written and the settled seq, never another namespace's, never a rolled-back one's, never backwards; bursts
 * coalesced; pings answered and garbage refused; the upgrade refused before the switch (401, 403, 429, 503);
 * silent clients closed by the heartbeat; every socket closed with 1001 when the engine shuts down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class WebSocketTest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final int PER_NAMESPACE = 3;

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private final List<TimingEvent> timings = new CopyOnWriteArrayList<>();
    private StallingSequenceStore stalling;
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        // The key-value sequence store lets higher seqs commit while a lower one is held in flight.
        served = ServedEngine.start(testDatabase.open(), b -> b.sequenceStore(store -> stalling =
                        new StallingSequenceStore(new KVSequenceStore(store, new InMemoryKeyValueStore()))),
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).onTiming(timings::add)
                        .realtime(new RealtimeSettings(1_000, PER_NAMESPACE, Duration.ofSeconds(30),
                                Duration.ofSeconds(10)))
                        .build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /** @return a token of a user of their own, with the example's admin claim (projects are admins' to write) */
    private String newUser() {
        return jwt.issue("u-" + UUID.randomUUID(), null, Duration.ofHours(1), Map.of("admin", true));
    }

    private Namespace namespaceOf(String token) {
        return Namespace.user(jwt.verify(token).userId());
    }

    private JsonNode write(String token, String method, String path, String body) {
        return served.send(token, method, path, body).assertOk().result();
    }

    private static String insertTodo(String id) {
        return "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"" + id
                + "\", \"title\": \"" + id + "\"}}";
    }

    /** Checks the next frame is a cursor at the namespace's settled seq naming exactly these resources. */
    private void assertCursor(LiveSocket socket, String token, String... resources) throws InterruptedException {
        JsonNode frame = socket.next();
        assertThat(frame.path("type").textValue()).as(frame.toString()).isEqualTo("cursor");
        assertThat(frame.path("serverSeq").longValue()).as(frame.toString())
                .isEqualTo(served.datafn().settledServerSeq(namespaceOf(token)));
        List<String> named = new ArrayList<>();
        frame.path("resources").forEach(r -> named.add(r.textValue()));
        assertThat(named).as(frame.toString()).containsExactlyInAnyOrder(resources);
    }

    @Test
    void theHelloCarriesTheSettledSeqAndTheHeartbeatIntervalWithTheTokenInTheHeaderOrTheQuery() throws Exception {
        String token = newUser();
        try (LiveSocket fresh = LiveSocket.open(served, token)) {
            JsonNode hello = fresh.next();
            assertThat(hello.path("type").textValue()).isEqualTo("hello");
            assertThat(hello.path("serverSeq").longValue()).isZero();
            assertThat(hello.path("heartbeatIntervalMs").longValue()).isEqualTo(30_000);
        }
        write(token, "POST", "/mutation", insertTodo("a"));
        write(token, "POST", "/mutation", insertTodo("b"));
        try (LiveSocket browser = LiveSocket.open(served, token, true)) {
            assertThat(browser.next().path("serverSeq").longValue()).isEqualTo(2);
        }
    }

    @Test
    void everyKindOfWriteSendsACursorWithTheResourcesItWrote() throws Exception {
        String token = newUser();
        try (LiveSocket socket = LiveSocket.open(served, token)) {
            socket.next();
            write(token, "POST", "/mutation", insertTodo("m1"));
            assertCursor(socket, token, "todos");
            write(token, "POST", "/transact", """
                    {"transactionId": "tx-1", "atomic": true, "steps": [
                      {"mutation": {"resource": "projects", "version": 1, "operation": "insert", "record": {"id": "p1", "name": "home"}}},
                      {"mutation": {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "t1", "title": "one", "projectId": "p1"}}}
                    ]}""");
            assertCursor(socket, token, "projects", "todos");
            write(token, "POST", "/push", """
                    {"version": 1, "mutations": [{"resource": "todos", "version": 1, "operation": "insert",
                      "clientId": "phone", "mutationId": "pm1", "record": {"id": "pushed", "title": "offline"}}]}""");
            assertCursor(socket, token, "todos");
            write(token, "POST", "/seed", "{\"data\": {\"tags\": [{\"id\": \"tag:seed-1\", \"name\": \"seeded\"}]}}");
            assertCursor(socket, token, "tags");
            write(token, "POST", "/resources/todos", "{\"clientId\": \"web\", \"mutationId\": \"r1\", \"record\": {\"id\": \"rest-1\", \"title\": \"by REST\"}}");
            assertCursor(socket, token, "todos");
            write(token, "POST", "/mutation", """
                    {"resource": "kv", "version": 1, "operation": "insert", "record": {"id": "theme", "value": "dark"}}""");
            assertCursor(socket, token, "kv");
        }
    }

    @Test
    void anotherNamespacesWritesNeverReachASocket() throws Exception {
        String alice = newUser();
        String bob = newUser();
        try (LiveSocket bobs = LiveSocket.open(served, bob)) {
            bobs.next();
            write(alice, "POST", "/mutation", insertTodo("alices"));
            write(alice, "POST", "/seed", "{\"data\": {\"tags\": [{\"id\": \"tag:a\", \"name\": \"a\"}]}}");
            write(bob, "POST", "/mutation", insertTodo("bobs"));
            // Bob's own cursor comes first: alice's writes, made before it, sent nothing to his socket.
            JsonNode first = bobs.next();
            assertThat(first.path("serverSeq").longValue()).as(first.toString()).isEqualTo(1);
            assertThat(first.path("resources").toString()).isEqualTo("[\"todos\"]");
            assertThat(bobs.nextWithin(QUIET)).isNull();
        }
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        String token = newUser();
        try (LiveSocket socket = LiveSocket.open(served, token)) {
            socket.next();
            JsonNode failed = served.send(token, "POST", "/transact", """
                    {"transactionId": "tx-fails", "atomic": true, "steps": [
                      {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "record": {"id": "g1", "name": "soon"}}},
                      {"mutation": {"resource": "todos", "version": 1, "operation": "merge", "id": "missing", "record": {"title": "x"}}}
                    ]}""").body();
            assertThat(failed.toString()).contains("\"ok\":false");
            write(token, "POST", "/mutation", insertTodo("after"));
            // The next cursor is the mutation's alone: the rolled-back tags insert sent none.
            assertCursor(socket, token, "todos");
            assertThat(socket.nextWithin(QUIET)).isNull();
        }
    }

    @Test
    void underEightConcurrentWritersCursorsOnlyGoForwardAndTheLastIsTheSettledSeq() throws Exception {
        String token = newUser();
        int writers = 8;
        int each = 15;
        try (LiveSocket socket = LiveSocket.open(served, token)) {
            socket.next();
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            write(token, "POST", "/mutation", insertTodo("w" + writer + "-" + i));
                        }
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get(2, TimeUnit.MINUTES);
                }
            } finally {
                threads.shutdownNow();
            }
            long settled = served.datafn().settledServerSeq(namespaceOf(token));
            assertThat(settled).isEqualTo(writers * each);
            long last = 0;
            while (last < settled) {
                JsonNode frame = socket.next();
                long seq = frame.path("serverSeq").longValue();
                assertThat(seq).as("after " + last + ": " + frame).isGreaterThan(last);
                last = seq;
            }
            assertThat(last).isEqualTo(settled);
            assertThat(socket.nextWithin(QUIET)).as("nothing after the settled seq").isNull();
        }
    }

    @Test
    void writesCommittedBehindALowerSeqInFlightArriveAsOneCursorOnceItCommits() throws Exception {
        String token = newUser();
        int burst = 20;
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try (LiveSocket socket = LiveSocket.open(served, token)) {
            socket.next();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stalled = stalling.stallNextReservation(release);
            Future<?> low = threads.submit(() -> write(token, "POST", "/mutation", insertTodo("low")));
            assertThat(stalled.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < burst; i++) {
                write(token, "POST", "/seed", "{\"data\": {\"tags\": [{\"id\": \"tag:" + i + "\", \"name\": \"t" + i + "\"}]}}");
            }
            assertThat(socket.nextWithin(QUIET)).as("no cursor while seq 1 is in flight").isNull();
            release.countDown();
            low.get(20, TimeUnit.SECONDS);
            JsonNode frame = socket.next();
            assertThat(frame.path("serverSeq").longValue()).as(frame.toString()).isEqualTo(burst + 1);
            assertThat(frame.path("resources").toString()).isEqualTo("[\"tags\",\"todos\"]");
            assertThat(socket.nextWithin(QUIET)).as("one cursor for " + (burst + 1) + " writes").isNull();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPingIsAnsweredWithPongAndGarbageWithAnErrorFrameThatLeavesTheSocketOpen() throws Exception {
        try (LiveSocket socket = LiveSocket.open(served, newUser())) {
            socket.next();
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().toString()).isEqualTo("{\"type\":\"pong\"}");
            socket.send("not json {");
            JsonNode error = socket.next();
            assertThat(error.path("type").textValue()).isEqualTo("error");
            assertThat(error.at("/error/code").textValue()).isEqualTo("DFQL_INVALID");
            socket.send("{\"type\":\"subscribe\"}");
            JsonNode unknown = socket.next();
            assertThat(unknown.at("/error/path").textValue()).isEqualTo("type");
            assertThat(unknown.at("/error/message").textValue()).contains("subscribe");
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").textValue()).isEqualTo("pong");
        }
    }

    @Test
    void theUpgradeIsRefusedBeforeTheSwitchWithoutAValidTokenAndIsOneRequestInTheLog() throws Exception {
        assertThat(LiveSocket.refusal(served, null)).isEqualTo(401);
        assertThat(LiveSocket.refusal(served, "not-a-jwt")).isEqualTo(401);
        String foreign = JwtAuthenticator.hs256(new byte[32]).issue("mallory", null, Duration.ofHours(1));
        assertThat(LiveSocket.refusal(served, foreign)).isEqualTo(401);
        try (RawHttpConnection raw = new RawHttpConnection(served.server().port())) {
            raw.send(("GET /datafn/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            RawHttpConnection.Answer answer = raw.read();
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).contains("\"code\":\"UNAUTHORIZED\"");
        }
        // The query parameter is for upgrades only: anywhere else a token in the URL proves nothing.
        served.send(null, "GET", "/status?token=" + newUser(), null).assertRefused(401, "UNAUTHORIZED", null,
                "Authorization");
        ServedEngine.Reply plain = served.send(newUser(), "GET", "/ws", null);
        plain.assertRefused(400, "DFQL_INVALID", null, "upgrade");

        // Timing listeners run after the answer is sent: wait for the plain GET's event before counting anew.
        long deadline = System.nanoTime() + LiveSocket.PATIENCE.toNanos();
        while (timings.stream().noneMatch(event -> event.action().equals("ws") && event.status() == 400)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        timings.clear();
        try (LiveSocket socket = LiveSocket.open(served, newUser())) {
            socket.next();
            socket.send("{\"type\":\"ping\"}");
            socket.next();
        }
        assertThat(timings).filteredOn(event -> event.action().equals("ws")).singleElement()
                .satisfies(event -> assertThat(event.status()).isEqualTo(101));
    }

    @Test
    void anAuthorizerRefusingWsAnswers403BeforeTheSwitch() {
        try (ServedEngine refusing = served.alongside(datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                .authorize((req, action, payload) -> !action.equals("ws")).build())) {
            assertThat(LiveSocket.refusal(refusing, newUser())).isEqualTo(403);
        }
    }

    /** A rule for {@code ws} budgets upgrades apart from the namespace's other requests. */
    @Test
    void aRateLimitRuleForWsRefusesExtraUpgradesWith429AndLeavesOtherRequestsTheirBudget() throws Exception {
        String token = newUser();
        try (ServedEngine limited = served.alongside(datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                .rateLimit(RateLimit.of(1_000, Duration.ofMinutes(1)).endpoint("ws", 2, Duration.ofMinutes(1)))
                .build());
                LiveSocket first = LiveSocket.open(limited, token);
                LiveSocket second = LiveSocket.open(limited, token)) {
            first.next();
            second.next();
            assertThat(LiveSocket.refusal(limited, token)).as("the third upgrade in the window").isEqualTo(429);
            limited.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}").assertOk();
            try (LiveSocket other = LiveSocket.open(limited, newUser())) {
                assertThat(other.next().path("type").textValue()).as("another namespace has its own budget")
                        .isEqualTo("hello");
            }
        }
    }

    @Test
    void theNamespaceLimitAnswers429AndTheServerLimit503AndAClosedSocketFreesItsPlace() throws Exception {
        String token = newUser();
        List<LiveSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_NAMESPACE; i++) {
                open.add(LiveSocket.open(served, token));
                open.getLast().next();
            }
            assertThat(LiveSocket.refusal(served, token)).isEqualTo(429);
            open.removeFirst().close();
            LiveSocket again = awaitPlace(served, token);
            open.add(again);
            assertThat(again.next().path("type").textValue()).isEqualTo("hello");
        } finally {
            open.forEach(LiveSocket::close);
        }
        try (ServedEngine small = served.alongside(datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                .realtime(new RealtimeSettings(2, 100, Duration.ofSeconds(30), Duration.ofSeconds(10))).build());
                LiveSocket first = LiveSocket.open(small, newUser());
                LiveSocket second = LiveSocket.open(small, newUser())) {
            first.next();
            second.next();
            assertThat(LiveSocket.refusal(small, newUser())).isEqualTo(503);
        }
    }

    /** Connects once the server has let go of a closed socket's place (it hears the close asynchronously). */
    private static LiveSocket awaitPlace(ServedEngine served, String token) throws InterruptedException {
        long deadline = System.nanoTime() + LiveSocket.PATIENCE.toNanos();
        while (true) {
            try {
                return LiveSocket.open(served, token);
            } catch (java.util.concurrent.CompletionException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * A client that answers no ping is closed with 1008 and dropped after about heartbeatTimeoutMs, while one
     * that answers stays. The heartbeat is a time bound, so this waits in real time: 200 ms pings and a
     * 1 s timeout (room for a busy machine's pauses); the answering client must outlive several timeouts.
     */
    @Test
    void aClientThatAnswersNoPingIsClosedAndOneThatAnswersStays() throws Exception {
        try (ServedEngine beating = served.alongside(datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                .realtime(new RealtimeSettings(100, 100, Duration.ofMillis(200), Duration.ofMillis(1_000))).build());
                LiveSocket answering = LiveSocket.open(beating, newUser());
                SilentWebSocket silent = new SilentWebSocket(beating.server().port(), newUser())) {
            assertThat(answering.next().path("type").textValue()).isEqualTo("hello");
            boolean pinged = false;
            SilentWebSocket.Frame frame = silent.next();
            while (frame != null && frame.opcode() != SilentWebSocket.Frame.CLOSE) {
                pinged |= frame.opcode() == SilentWebSocket.Frame.PING;
                frame = silent.next();
            }
            assertThat(pinged).as("pinged before being closed").isTrue();
            assertThat(frame).as("a close frame").isNotNull();
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(silent.endedByServer()).as("the connection dropped").isTrue();

            Thread.sleep(3_000);
            answering.send("{\"type\":\"ping\"}");
            assertThat(answering.next().path("type").textValue()).isEqualTo("pong");
        }
    }

    @Test
    void shutdownClosesEverySocketWith1001AndRefusesNewOnes() throws Exception {
        try (ServedEngine own = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).build())) {
            LiveSocket one = LiveSocket.open(own, newUser());
            LiveSocket two = LiveSocket.open(own, newUser());
            one.next();
            two.next();
            DataFn engine = own.datafn();
            engine.close();
            assertThat(one.closeCode()).isEqualTo(1001);
            assertThat(two.closeCode()).isEqualTo(1001);
            assertThat(LiveSocket.refusal(own, newUser())).isEqualTo(503);
            one.close();
            two.close();
        }
    }
}
