package dev.datafn.example.todo;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.sequence.ChainedSequenceStore;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The sync gap suite on PostgreSQL, with the Redis → database chain while Redis serves. */
@EnabledIf("dev.datafn.testing.TestRedis#configuredWithPostgres")
class SyncGapChainedOnPostgresTest extends AbstractRedisSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }

    @Override
    protected SequenceStore sequenceStore(DataStore store) {
        return new ChainedSequenceStore(store, new RedisSequenceStore(store, redis));
    }
}
