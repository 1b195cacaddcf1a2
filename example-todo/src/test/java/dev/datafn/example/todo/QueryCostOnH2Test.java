package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The query cost suite on H2. */
class QueryCostOnH2Test extends AbstractQueryCostTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
