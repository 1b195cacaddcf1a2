package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The clone suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class CloneOnPostgresTest extends AbstractCloneTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
