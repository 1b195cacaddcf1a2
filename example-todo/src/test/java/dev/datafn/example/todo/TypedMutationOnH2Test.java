package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The typed mutation suite on H2. */
class TypedMutationOnH2Test extends AbstractTypedMutationTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
