package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The relation write suite on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class RelationWriteOnPostgresTest extends AbstractRelationWriteTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
