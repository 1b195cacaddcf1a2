package dev.datafn.example.todo;

import dev.datafn.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.JedisPooled;

/** The sync gap suite over a store that uses the real Redis server. */
abstract class AbstractRedisSyncGapTest extends AbstractSyncGapTest {

    /** The client of the configured Redis server, closed after the suite. */
    protected final JedisPooled redis = TestRedis.client();

    @AfterAll
    void closeRedis() {
        redis.close();
    }
}
