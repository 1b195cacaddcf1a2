package dev.datafn.example.todo;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The sync gap suite on H2, with the Redis sequence store on the real Redis server. */
@EnabledIf("dev.datafn.testing.TestRedis#configured")
class SyncGapRedisOnH2Test extends AbstractRedisSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }

    @Override
    protected SequenceStore sequenceStore(DataStore store) {
        return new RedisSequenceStore(store, redis);
    }
}
