package dev.datafn.example.todo;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.sequence.ChainedSequenceStore;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.JedisPooled;

/** The sync gap suite on H2, with the Redis → database chain while Redis serves. */
@EnabledIf("dev.datafn.testing.TestRedis#configured")
class SyncGapChainedOnH2Test extends AbstractSyncGapTest {

    private final JedisPooled redis = TestRedis.client();

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }

    @Override
    protected SequenceStore sequenceStore(DataStore store) {
        return new ChainedSequenceStore(store, new RedisSequenceStore(store, redis));
    }

    @AfterAll
    void closeRedis() {
        redis.close();
    }
}
