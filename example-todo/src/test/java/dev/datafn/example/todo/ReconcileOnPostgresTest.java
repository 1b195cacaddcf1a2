package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The reconcile suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class ReconcileOnPostgresTest extends AbstractReconcileTest {

    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
