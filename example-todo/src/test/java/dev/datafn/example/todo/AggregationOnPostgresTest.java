package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIf;

/** The aggregation suite on Postgres. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class AggregationOnPostgresTest extends AbstractAggregationTest {
    @Override
    protected Database database() {
        return TestDatabases.postgres();
    }
}
