package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The typed query features suite on H2. */
class TypedQueryFeaturesOnH2Test extends AbstractTypedQueryFeaturesTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
