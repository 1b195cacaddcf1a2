package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.config.InvalidConfigException;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CommitBuses;
import dev.datafn.realtime.CommitPublisher;
import dev.datafn.realtime.InProcessCommitBus;
import dev.datafn.realtime.PostgresCommitBus;
import dev.datafn.realtime.RedisCommitBus;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code datafn.ws.bus} chooses the commit bus: in-process on H2, PostgreSQL's when the database is
 * PostgreSQL, Redis' when {@code datafn.redis.url} is set, or the one named; the chosen bus carries the
 * engine's commits once {@link CommitPublisher} publishes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitBusesTest {

    private DataFn h2;
    private DataFn postgres;

    @BeforeAll
    void startH2() {
        h2 = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(TestDatabases.h2()).build();
    }

    @AfterAll
    void stop() {
        h2.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void autoOnH2IsInProcessAndCarriesTheEnginesCommits() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("buses-h2");
        try (CommitBus bus = CommitBuses.configured(h2, settings(Map.of()));
                CommitPublisher publishing = CommitPublisher.start(h2, bus);
                HeardWrites heard = new HeardWrites(bus, Set.of(ns))) {
            AbstractCommitBusTest.insert(h2, ns, "todos");

            assertThat(bus).isInstanceOf(InProcessCommitBus.class);
            assertThat(heard.next(1)).containsExactly(new CommittedWrite(ns, 1, Set.of("todos")));
        }
    }

    @Test
    void postgresOnH2IsRefusedWithTheReason() {
        DataFnSettings settings = settings(Map.of("datafn.ws.bus", "postgres"));
        assertThatThrownBy(() -> CommitBuses.configured(h2, settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a PostgreSQL database");
    }

    @Test
    void anUnknownBusIsRefusedNamingTheOptionAndTheChoices() {
        assertThatThrownBy(() -> settings(Map.of("datafn.ws.bus", "kafka")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.faults()).containsExactly(
                        "datafn.ws.bus: expected one of auto, in-process, postgres, redis, got \"kafka\""));
        assertThatThrownBy(() -> CommitBuses.Kind.of("kafka")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, in-process, postgres or redis");
    }

    @Test
    void autoOnPostgresqlIsListenNotifyAndInProcessWhenNamed() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("buses-pg");
        DataFn engine = postgres();
        try (CommitBus bus = CommitBuses.configured(engine, settings(Map.of()));
                CommitBus named = CommitBuses.configured(engine, settings(Map.of("datafn.ws.bus", "in-process")));
                CommitPublisher publishing = CommitPublisher.start(engine, bus);
                HeardWrites heard = new HeardWrites(bus, Set.of(ns))) {
            AbstractCommitBusTest.insert(engine, ns, "todos");

            assertThat(bus).isInstanceOf(PostgresCommitBus.class);
            assertThat(named).isInstanceOf(InProcessCommitBus.class);
            assertThat(heard.next(1)).containsExactly(new CommittedWrite(ns, 1, Set.of("todos")));
        }
    }

    @Test
    void autoWithRedisConfiguredIsRedisPubSub() throws Exception {
        Assumptions.assumeTrue(TestRedis.configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        Namespace ns = TestDatabases.uniqueNamespace("buses-redis");
        DataFnSettings settings = settings(Map.of("datafn.redis.url", System.getProperty("datafn.test.redis.url")));
        try (CommitBus bus = CommitBuses.configured(h2, settings);
                CommitPublisher publishing = CommitPublisher.start(h2, bus);
                HeardWrites heard = new HeardWrites(bus, Set.of(ns))) {
            AbstractCommitBusTest.insert(h2, ns, "tags");

            assertThat(bus).isInstanceOf(RedisCommitBus.class);
            assertThat(heard.next(1)).containsExactly(new CommittedWrite(ns, 1, Set.of("tags")));
        }
    }

    @Test
    void publishingNeverWaitsForABusWhoseServerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Nothing listens on the port: the bus can neither subscribe nor publish.
        CommitBus bus = new RedisCommitBus(URI.create("redis://127.0.0.1:" + port), Set.of("todos"));
        Namespace ns = TestDatabases.uniqueNamespace("buses-unreachable");
        long start = System.nanoTime();
        try {
            // Twice what the bus queues, so some are queued and the rest dropped, never waited for.
            for (int seq = 1; seq <= 20_000; seq++) {
                bus.publish(new CommittedWrite(ns, seq, Set.of("todos")));
            }
        } finally {
            bus.close();
        }
        // The requirement is a time bound: a writer only queues. 20,000 queued writes take milliseconds; the
        // bound is generous for a busy machine and still far below one connection attempt per write.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    private DataFn postgres() {
        Assumptions.assumeTrue(TestDatabases.postgresConfigured(), "PostgreSQL not configured: set -Ddatafn.test.pg.url");
        if (postgres == null) {
            postgres = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(TestDatabases.postgres()).build();
        }
        return postgres;
    }

    private static DataFnSettings settings(Map<String, String> values) {
        return DataFnSettings.read(Config.just(ConfigSources.create(values)).get("datafn"));
    }
}
