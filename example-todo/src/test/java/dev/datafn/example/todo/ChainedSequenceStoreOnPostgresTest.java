package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The chained sequence store suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class ChainedSequenceStoreOnPostgresTest extends AbstractChainedSequenceStoreTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
