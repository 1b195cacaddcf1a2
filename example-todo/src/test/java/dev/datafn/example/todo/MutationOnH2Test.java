package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The mutation suite on H2. */

class MutationOnH2Test extends AbstractMutationTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
