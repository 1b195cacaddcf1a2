package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The paging suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class PagingOnPostgresTest extends AbstractPagingTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
