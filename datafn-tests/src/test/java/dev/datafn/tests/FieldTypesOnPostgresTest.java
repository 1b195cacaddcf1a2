package dev.datafn.tests;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The field type suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class FieldTypesOnPostgresTest extends AbstractFieldTypesTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
