package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The push suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class PushOnPostgresTest extends AbstractPushTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
