package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The guard suite on H2. */
class GuardOnH2Test extends AbstractGuardTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
