package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The repository transaction suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class RepositoryTransactionOnPostgresTest extends AbstractRepositoryTransactionTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
