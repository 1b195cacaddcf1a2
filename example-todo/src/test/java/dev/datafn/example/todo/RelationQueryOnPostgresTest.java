package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The relation query suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class RelationQueryOnPostgresTest extends AbstractRelationQueryTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
