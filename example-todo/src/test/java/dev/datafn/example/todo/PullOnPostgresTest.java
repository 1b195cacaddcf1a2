package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The pull suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class PullOnPostgresTest extends AbstractPullTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
