package dev.datafn.example.todo;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.sequence.InMemoryKeyValueStore;
import dev.datafn.sequence.KVSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The sync gap suite on PostgreSQL, with the KV sequence store over the in-process KV store. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class SyncGapKvOnPostgresTest extends AbstractSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }

    @Override
    protected SequenceStore sequenceStore(DataStore store) {
        return new KVSequenceStore(store, new InMemoryKeyValueStore());
    }
}
