package dev.datafn.testing;

import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.schema.Namespace;
import java.util.UUID;

/**
 * The connections behind {@link TestDatabase}: a fresh in-memory H2 database, or the PostgreSQL server
 * named by the {@code datafn.test.pg.url} system property ({@code .ci/run} sets it). Every suite also
 * writes into namespaces of its own, so runs never see each other's rows.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database h2() {
        return Database.h2Memory("test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** @return whether a PostgreSQL server is configured for the tests */
    public static boolean postgresConfigured() {
        return !System.getProperty("datafn.test.pg.url", "").isBlank();
    }

    /**
     * @return the configured PostgreSQL server, with its tables created and updated by the engine: the
     *         suites share one fresh database and bring their tables themselves, where production only
     *         checks them (the migration suite checks that default)
     */
    public static Database postgres() {
        return Database.jdbc(System.getProperty("datafn.test.pg.url"),
                System.getProperty("datafn.test.pg.user", "datafn"),
                System.getProperty("datafn.test.pg.password", "datafn"))
                .withSchemaManagement(SchemaManagement.UPDATE);
    }

    public static Namespace uniqueNamespace(String label) {
        return Namespace.of("test:" + label + ":" + UUID.randomUUID());
    }
}
