package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The sync gap suite on H2, with the database sequence store. */
class SyncGapOnH2Test extends AbstractSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
