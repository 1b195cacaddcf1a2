package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The query suite on embedded H2. */
class QueryOnH2Test extends AbstractQueryTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
