package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.RedisCommitBus;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The Redis pub/sub bus between two engines (over PostgreSQL when it is configured, else over one shared H2
 * database), against the configured Redis server (skipped without one); the server cuts the bus's
 * connections with {@code CLIENT KILL} and lists them in {@code CLIENT LIST} by their client name.
 */
class RedisCommitBusTest extends AbstractCommitBusTest {

    @Override
    Database sharedDatabase() {
        Assumptions.assumeTrue(TestRedis.configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        return TestDatabases.postgresConfigured() ? TestDatabases.postgres() : TestDatabases.h2();
    }

    @Override
    CommitBus openBus(Set<String> everyResource) {
        return new RedisCommitBus(url(), everyResource);
    }

    @Override
    int cutConnections(CommitBus bus) {
        try (Jedis redis = new Jedis(url())) {
            List<String> ids = clients(redis, bus);
            for (String id : ids) {
                redis.clientKill(ClientKillParams.clientKillParams().id(id));
            }
            return ids.size();
        }
    }

    @Override
    int connectionsOf(CommitBus bus) {
        try (Jedis redis = new Jedis(url())) {
            return clients(redis, bus).size();
        }
    }

    @Override
    void sendRaw(String payload) {
        try (Jedis redis = new Jedis(url())) {
            redis.publish(RedisCommitBus.DEFAULT_CHANNEL, payload);
        }
    }

    /** @return the ids of the bus's connections, from {@code CLIENT LIST} */
    private static List<String> clients(Jedis redis, CommitBus bus) {
        String name = "name=" + ((RedisCommitBus) bus).clientName();
        return redis.clientList().lines()
                .filter(line -> Arrays.asList(line.split(" ")).contains(name))
                .map(line -> line.substring("id=".length(), line.indexOf(' ')))
                .toList();
    }

    private static URI url() {
        return URI.create(System.getProperty("datafn.test.redis.url"));
    }
}
