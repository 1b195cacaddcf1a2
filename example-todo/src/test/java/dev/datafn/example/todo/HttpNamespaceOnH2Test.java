package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The HTTP namespace suite on H2. */
class HttpNamespaceOnH2Test extends AbstractHttpNamespaceTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
