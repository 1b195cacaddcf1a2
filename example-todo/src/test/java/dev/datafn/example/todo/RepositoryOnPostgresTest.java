package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The repository suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class RepositoryOnPostgresTest extends AbstractRepositoryTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
