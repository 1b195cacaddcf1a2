package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The mutation suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class MutationOnPostgresTest extends AbstractMutationTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
