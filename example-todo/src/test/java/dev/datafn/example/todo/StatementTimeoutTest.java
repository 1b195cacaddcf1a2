package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.config.Retention;
import dev.datafn.db.Database;
import dev.datafn.json.Json;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import io.helidon.http.HeaderNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every statement has the engine's statement timeout ({@code queryTimeoutMs}), not only DFQL queries: sync reads
 * (pull, clone, reconcile) and writes too, each stopped by PostgreSQL itself ({@code statement_timeout} of the
 * pool's sessions) and answered 408 {@code DFQL_ABORTED} in the envelope, with its connection back in the pool.
 * Another session holds an exclusive lock on the tables they read, so each statement waits until its timeout;
 * more of them are sent, one after another, than the pool has connections, so a connection a timed-out request
 * kept would leave the later ones waiting for the pool, not answered 408. PostgreSQL only: its locks make a
 * statement wait as long as the test wants.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(names = "POSTGRESQL")
class StatementTimeoutTest {

    private static final int POOL = 2;

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    private Database database;
    private ServedEngine served;
    private UserClient client;
    private final String user = "timeouts-" + java.util.UUID.randomUUID();

    @BeforeEach
    void start() {
        database = testDatabase.open().withPoolSize(POOL);
        served = ServedEngine.start(database, b -> b.queryTimeout(Duration.ofSeconds(1)).search(false),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> Namespace.user(
                        req.headers().first(HeaderNames.create("X-User")).orElseThrow())).build());
        client = new UserClient(served);
        client.post(user, "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"id\": \"t-1\", \"record\": {\"title\": \"before the lock\"}}").assertOk();
    }

    @AfterEach
    void stop() {
        served.close();
    }

    @Test
    // Without the timeout the first request would wait for the lock for ever: patience, not a measure.
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void syncReadsAndWritesStopAtTheStatementTimeoutAndGiveTheirConnectionBack() throws Exception {
        try (Connection locker = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE todos, datafn_changes IN ACCESS EXCLUSIVE MODE");
            List<String[]> requests = List.of(
                    new String[] {"/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}"},
                    new String[] {"/clone", "{\"version\": 1, \"tables\": [\"todos\"]}"},
                    new String[] {"/reconcile", "{\"version\": 1, \"counts\": {\"todos\": 1}, \"cursors\": {\"todos\": \"0\"}}"},
                    new String[] {"/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                            + "\"id\": \"t-2\", \"record\": {\"title\": \"during the lock\"}}"});
            for (int round = 0; round < POOL + 1; round++) {
                for (String[] request : requests) {
                    client.post(user, request[0], request[1]).assertRefused(408, "DFQL_ABORTED", null,
                            "statement timeout");
                }
            }
            locker.rollback();
        }
        assertThat(client.post(user, "/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}").assertOk()
                .result().toString())
                .contains("before the lock").doesNotContain("during the lock");
    }

    /**
     * Pruning is maintenance, not a request: its statements carry no statement timeout, so a delete that waits
     * past it (here on another session's lock, released after three timeouts) still ends and prunes.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void pruningIsNotStoppedByTheStatementTimeout() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("prune-timeout");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        try (DataFn timed = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false)
                .queryTimeout(Duration.ofSeconds(1)).clock(now::get).retention(new Retention(30, 0, false, 0)).build();
                Connection locker = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                        database.password());
                Statement lock = locker.createStatement()) {
            timed.mutate(ns, null, Json.parse(("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"title\": \"old\"}}").getBytes(StandardCharsets.UTF_8), ""));
            now.set(now.get().plus(Duration.ofDays(40)));
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE datafn_changes IN SHARE MODE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(3_000);
                    locker.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(timed.pruneExpired()).as("the old change, pruned once the lock went").isPositive();
            release.get(1, TimeUnit.MINUTES);
        }
    }
}
