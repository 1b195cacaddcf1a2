package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The repository transaction suite on H2. */
class RepositoryTransactionOnH2Test extends AbstractRepositoryTransactionTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
