package dev.datafn.testing;

import dev.datafn.db.Database;
import org.junit.jupiter.api.Assumptions;

/**
 * A database the suites run on. A suite is a JUnit {@code @ParameterizedClass} over these constants
 * (an {@code @EnumSource} into a {@code @Parameter TestDatabase} field), so each of its tests runs
 * once per database and reports as {@code [H2]} or {@code [PostgreSQL]}. H2 always runs; PostgreSQL
 * runs when {@code datafn.test.pg.url} is set ({@code .ci/run} sets it) and is reported as skipped,
 * with how to switch it on, when it is not.
 *
 * <p>A parameterized class shares one instance between its databases and runs {@code @BeforeAll}
 * once, before any database is chosen: suites start their engine in
 * {@code @BeforeParameterizedClassInvocation} methods and stop it in
 * {@code @AfterParameterizedClassInvocation} methods, which also run after a skipped database, so
 * they close only what is open and then forget it.
 */
public enum TestDatabase {

    /** A fresh in-memory H2 database for each run. */
    H2("H2"),

    /** The PostgreSQL server named by {@code datafn.test.pg.url}. */
    POSTGRESQL("PostgreSQL");

    private final String label;

    TestDatabase(String label) {
        this.label = label;
    }

    /**
     * @return this database, for one run of a suite
     * @throws org.opentest4j.TestAbortedException when it is not configured, so that the suite's run
     *         on it is reported as skipped, with the property that switches it on
     */
    public Database open() {
        return switch (this) {
            case H2 -> TestDatabases.h2();
            case POSTGRESQL -> {
                Assumptions.assumeTrue(TestDatabases.postgresConfigured(),
                        "PostgreSQL not configured: set -Ddatafn.test.pg.url");
                yield TestDatabases.postgres();
            }
        };
    }

    /** @return the name shown in test reports, e.g. {@code PostgreSQL} */
    @Override
    public String toString() {
        return label;
    }
}
