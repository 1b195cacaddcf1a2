package dev.datafn.tests;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The field type suite on H2. */
class FieldTypesOnH2Test extends AbstractFieldTypesTest {
    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
