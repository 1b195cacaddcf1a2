package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The pull suite on H2. */
class PullOnH2Test extends AbstractPullTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
