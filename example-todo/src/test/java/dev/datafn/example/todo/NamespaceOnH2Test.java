package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The namespace isolation suite on H2. */

class NamespaceOnH2Test extends AbstractNamespaceTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
