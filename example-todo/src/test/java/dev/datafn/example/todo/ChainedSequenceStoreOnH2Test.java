package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabases;

/** The chained sequence store suite on H2. */
class ChainedSequenceStoreOnH2Test extends AbstractChainedSequenceStoreTest {

    @Override
    protected Database database() {
        return TestDatabases.h2();
    }
}
