package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The transaction suite on H2. */
class TransactOnH2Test extends AbstractTransactTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
