package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The seed suite on H2. */
class SeedOnH2Test extends AbstractSeedTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
