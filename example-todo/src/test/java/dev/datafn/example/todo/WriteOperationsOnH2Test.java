package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The write operations suite on H2. */
class WriteOperationsOnH2Test extends AbstractWriteOperationsTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
