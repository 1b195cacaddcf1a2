package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The guard suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class GuardOnPostgresTest extends AbstractGuardTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
