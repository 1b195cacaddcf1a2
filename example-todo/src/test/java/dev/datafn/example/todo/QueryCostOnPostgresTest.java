package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The query cost suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class QueryCostOnPostgresTest extends AbstractQueryCostTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
