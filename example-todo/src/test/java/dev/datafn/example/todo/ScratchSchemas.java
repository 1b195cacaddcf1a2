package dev.datafn.example.todo;

import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Empty PostgreSQL schemas of the test database, each a database of its own as far as the engine, Flyway and
 * the server can tell ({@code currentSchema} in the URL), for tests that need a database with no tables yet
 * while the other suites share the test database's tables. Closing drops every schema it made.
 */
final class ScratchSchemas implements AutoCloseable {

    private final Database base;
    private final List<String> created = new ArrayList<>();

    /** @param base the PostgreSQL test database the schemas are made in */
    ScratchSchemas(Database base) {
        this.base = base;
    }

    /**
     * @param label a word for the schema's name, e.g. {@code migration}
     * @return an empty schema as a database whose tables are only checked at startup (the production default)
     */
    Database create(String label) {
        String schema = label + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create schema " + schema);
        created.add(schema);
        String url = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Database.jdbc(url, base.user(), base.password()).withSchemaManagement(SchemaManagement.VALIDATE);
    }

    /** Drops the schemas made so far, with everything in them. */
    @Override
    public void close() {
        created.forEach(schema -> execute("drop schema if exists " + schema + " cascade"));
        created.clear();
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(base.jdbcUrl(), base.user(), base.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
