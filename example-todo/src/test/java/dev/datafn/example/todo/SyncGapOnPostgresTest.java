package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The sync gap suite on PostgreSQL, with the database sequence store. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class SyncGapOnPostgresTest extends AbstractSyncGapTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
