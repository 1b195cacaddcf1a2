package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The write cost suite on H2. */
class WriteCostOnH2Test extends AbstractWriteCostTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
