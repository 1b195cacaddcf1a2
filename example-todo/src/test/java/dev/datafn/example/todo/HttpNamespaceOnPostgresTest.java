package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The HTTP namespace suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class HttpNamespaceOnPostgresTest extends AbstractHttpNamespaceTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
