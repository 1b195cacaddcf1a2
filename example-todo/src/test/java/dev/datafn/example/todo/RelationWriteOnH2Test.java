package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The relation write suite on H2. */
class RelationWriteOnH2Test extends AbstractRelationWriteTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
