package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The relation query suite on H2. */
class RelationQueryOnH2Test extends AbstractRelationQueryTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
