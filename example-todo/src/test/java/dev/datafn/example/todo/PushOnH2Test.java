package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The push suite on H2. */
class PushOnH2Test extends AbstractPushTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
