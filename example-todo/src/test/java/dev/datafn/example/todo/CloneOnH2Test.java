package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The clone suite on H2. */
class CloneOnH2Test extends AbstractCloneTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
