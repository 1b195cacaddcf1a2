package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The typed mutation suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class TypedMutationOnPostgresTest extends AbstractTypedMutationTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
