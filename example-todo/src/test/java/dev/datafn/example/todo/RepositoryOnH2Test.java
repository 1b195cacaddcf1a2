package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The repository suite on H2. */
class RepositoryOnH2Test extends AbstractRepositoryTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
