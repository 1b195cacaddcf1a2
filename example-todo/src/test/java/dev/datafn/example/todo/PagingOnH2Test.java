package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The paging suite on H2. */
class PagingOnH2Test extends AbstractPagingTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
