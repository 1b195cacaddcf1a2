package dev.datafn.example.todo;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.sequence.InMemoryKeyValueStore;
import dev.datafn.sequence.KVSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.TestDatabases;

/** The sync gap suite on H2, with the KV sequence store over the in-process KV store. */
class SyncGapKvOnH2Test extends AbstractSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }

    @Override
    protected SequenceStore sequenceStore(DataStore store) {
        return new KVSequenceStore(store, new InMemoryKeyValueStore());
    }
}
