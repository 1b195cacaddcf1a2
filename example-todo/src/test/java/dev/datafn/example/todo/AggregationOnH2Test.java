package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The aggregation suite on H2. */
class AggregationOnH2Test extends AbstractAggregationTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
