package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.TimingEvent;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A client that closes its connection while its request runs: the request's reads are cancelled and their
 * database connection goes back to the pool, while a client that stays, keep-alive and pipelined requests
 * are served as before.
 *
 * <p>The engine has one pooled connection, so a request that kept it would leave the next one waiting. On
 * PostgreSQL a read is made to wait by a {@code LOCK TABLE} another connection holds, and the statement is
 * watched in {@code pg_stat_activity}. H2 has no lock that makes a plain read wait, and its statements
 * finish too fast to be seen running; there, a statement inspector holds each read of the todos table in
 * Java before it reaches the database, which a cancel cannot cut short: the H2 runs show that the request
 * is noticed as abandoned, that its connection comes back, and that the server goes on answering.
 */
@OnEveryDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisconnectTest {

    private static final String COUNT_TODOS = "{\"resource\": \"todos\", \"version\": 1, \"count\": true}";
    private static final String COUNT_PROJECTS = "{\"resource\": \"projects\", \"version\": 1, \"count\": true}";
    private static final String CLONE_TODOS = "{\"version\": 1, \"tables\": [\"todos\"]}";
    private static final String PULL_TODOS = "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}";
    private static final String RECONCILE_TODOS =
            "{\"version\": 1, \"counts\": {\"todos\": 1}, \"cursors\": {\"todos\": \"0\"}}";
    /** The requirement: a disconnected client's statement is gone within a second. */
    private static final Duration STATEMENT_GONE_WITHIN = Duration.ofSeconds(1);

    private final Namespace ns = TestDatabases.uniqueNamespace("disconnect");
    private final InFlightStatements held = new InFlightStatements();
    private final List<TimingEvent> timings = new CopyOnWriteArrayList<>();

    @Parameter(0)
    private TestDatabase testDatabase;
    private Database database;
    private ServedEngine served;

    @BeforeParameterizedClassInvocation
    void start() {
        database = testDatabase.open();
        served = ServedEngine.start(database.withPoolSize(1),
                // No search index: its catch-up reads todos too, and would wait on the test's lock beside the
                // request's read, which is the only one the test watches.
                b -> b.queryTimeout(null).search(false)
                        .hibernateProperty("hibernate.session_factory.statement_inspector", held),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> ns).onTiming(timings::add).build());
        served.datafn().mutate(ns, null, Json.parse("""
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "still here"}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), ""));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @BeforeEach
    void forgetTimings() {
        timings.clear();
    }

    @AfterEach
    void passStatementsFreely() {
        held.disarm();
    }

    @Test
    void aQueryWhoseClientLeavesHasItsStatementCancelledWithinASecond() throws Exception {
        assumeTrue(testDatabase == TestDatabase.POSTGRESQL, "H2 has no lock that makes a read wait");
        leaveWhileBlocked(COUNT_TODOS, "/datafn/query");
    }

    @Test
    void aStreamedCloneWhoseClientLeavesHasItsStatementCancelledWithinASecond() throws Exception {
        assumeTrue(testDatabase == TestDatabase.POSTGRESQL, "H2 has no lock that makes a read wait");
        leaveWhileBlocked(CLONE_TODOS, "/datafn/clone");
    }

    @Test
    void aPullWhoseClientLeavesHasItsStatementCancelledWithinASecond() throws Exception {
        assumeTrue(testDatabase == TestDatabase.POSTGRESQL, "H2 has no lock that makes a read wait");
        leaveWhileBlocked(PULL_TODOS, "/datafn/pull");
    }

    @Test
    void aReconcileWhoseClientLeavesHasItsStatementCancelledWithinASecond() throws Exception {
        assumeTrue(testDatabase == TestDatabase.POSTGRESQL, "H2 has no lock that makes a read wait");
        leaveWhileBlocked(RECONCILE_TODOS, "/datafn/reconcile");
    }

    /** Sends a request whose read waits on a lock, closes the connection, and watches the statement go. */
    private void leaveWhileBlocked(String body, String path) throws Exception {
        try (Connection blocker = blockReads(); Connection observer = connect()) {
            RawHttpConnection client = new RawHttpConnection(served.server().port());
            client.send(RawHttpConnection.post(path, body));
            assertThat(waitingReads(observer, Duration.ofSeconds(10), 1)).as("the read waits on the lock").isTrue();
            client.close();
            long closed = System.nanoTime();
            assertThat(waitingReads(observer, Duration.ofSeconds(10), 0)).as("the read stopped").isTrue();
            Duration gone = Duration.ofNanos(System.nanoTime() - closed);
            assertThat(gone).as("the statement was gone %s after the disconnect", gone)
                    .isLessThan(STATEMENT_GONE_WITHIN);
            // The lock is still held: only a connection the cancelled read gave back can answer this.
            assertThat(served.send(null, "POST", "/query", COUNT_PROJECTS).assertOk().result().get("count").asLong())
                    .isZero();
            blocker.rollback();
        }
        assertThat(served.send(null, "POST", "/query", COUNT_TODOS).assertOk().result().get("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void aHeldQueryWhoseClientLeavesIsAbandonedAndItsConnectionComesBack() throws Exception {
        held.arm(Duration.ofMillis(1_000));
        RawHttpConnection client = new RawHttpConnection(served.server().port());
        client.send(RawHttpConnection.post("/datafn/query", COUNT_TODOS));
        Thread.sleep(300);
        client.close();
        TimingEvent abandoned = awaitTiming("query");
        assertThat(abandoned.status()).as("logged as a caller that hung up: %s", abandoned).isEqualTo(499);
        held.disarm();
        assertThat(served.send(null, "POST", "/query", COUNT_TODOS).assertOk().result().get("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void aStreamedCloneWhoseClientLeavesGivesItsConnectionBack() throws Exception {
        held.arm(Duration.ofMillis(1_000));
        RawHttpConnection client = new RawHttpConnection(served.server().port());
        client.send(RawHttpConnection.post("/datafn/clone", CLONE_TODOS));
        Thread.sleep(300);
        client.close();
        awaitTiming("clone");
        held.disarm();
        assertThat(served.send(null, "POST", "/query", COUNT_TODOS).assertOk().result().get("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void aClientThatStaysIsAnsweredWithEveryPhaseTimed() throws InterruptedException {
        // Held longer than the watch waits before it reads the socket, so the watch runs while the query does.
        held.arm(Duration.ofMillis(400));
        assertThat(served.send(null, "POST", "/query", COUNT_TODOS).assertOk().result().get("count").asLong())
                .isEqualTo(1);
        TimingEvent event = awaitTiming("query");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.phases()).containsKeys("parse", "plan", "execute", "serialize");
        assertThat(event.phases().get("execute")).as("the held statement is execution").isGreaterThanOrEqualTo(400_000);
    }

    @Test
    void keepAliveAndPipelinedRequestsAreServedAfterAWatchedRequest() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(served.server().port())) {
            held.arm(Duration.ofMillis(300));
            connection.send(RawHttpConnection.post("/datafn/query", COUNT_TODOS));
            assertCount(connection.read(), 1);
            held.disarm();
            connection.send(RawHttpConnection.post("/datafn/query", COUNT_PROJECTS));
            assertCount(connection.read(), 0);

            // Pipelined: the second request arrives while the first, watched, still runs; the watch's read
            // takes its first byte, which the connection must still see.
            held.arm(Duration.ofMillis(300));
            connection.send(RawHttpConnection.post("/datafn/query", COUNT_TODOS),
                    RawHttpConnection.post("/datafn/query", COUNT_PROJECTS));
            assertCount(connection.read(), 1);
            assertCount(connection.read(), 0);
            held.disarm();
            connection.send(RawHttpConnection.post("/datafn/query", COUNT_TODOS));
            assertCount(connection.read(), 1);
        }
    }

    private static void assertCount(RawHttpConnection.Answer answer, long expected) throws java.io.IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()).at("/result/count").asLong()).as(answer.body()).isEqualTo(expected);
    }

    /** @return the first timing event of an action, once its request has ended (within 10 s) */
    private TimingEvent awaitTiming(String action) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (TimingEvent e : timings) {
                if (e.action().equals(action)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + action + " request ended; heard " + timings);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** Holds the todos table so that reads of it wait, until rolled back or closed. */
    private Connection blockReads() throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE todos, datafn_changes IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    /**
     * @return whether the number of this database's statements that read todos or the change log and wait on a
     *     lock became
     *     {@code expected} within {@code wait}, looking every 20 ms
     */
    private static boolean waitingReads(Connection observer, Duration wait, int expected) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        try (Statement s = observer.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and pid <> pg_backend_pid() and wait_event_type = 'Lock'"
                        + " and (query ilike '%from todos%' or query ilike '%from datafn_changes%')")) {
                    rs.next();
                    if (rs.getInt(1) == expected) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
            return false;
        }
    }
}
