package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The reconcile suite on H2. */
class ReconcileOnH2Test extends AbstractReconcileTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
