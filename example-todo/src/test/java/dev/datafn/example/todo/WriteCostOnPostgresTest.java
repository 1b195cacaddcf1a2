package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The write cost suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class WriteCostOnPostgresTest extends AbstractWriteCostTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
