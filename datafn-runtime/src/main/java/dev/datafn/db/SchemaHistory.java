package dev.datafn.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a PostgreSQL database's current schema holds with respect to versioned migrations: nothing yet,
 * tables with Flyway's history of the scripts that made them, or tables made some other way (by
 * {@code hbm2ddl=update}, before the application had migrations) that Flyway knows nothing of.
 */
public enum SchemaHistory {

    /** No tables at all: the scripts build everything. */
    EMPTY,

    /** Tables and Flyway's {@value #TABLE}: the scripts made them, and further ones apply on top. */
    VERSIONED,

    /** Tables but no {@value #TABLE}: they must be adopted (baselined) before any script can run. */
    UNVERSIONED;

    /** Flyway's history table, in the schema the scripts ran in. */
    public static final String TABLE = "flyway_schema_history";

    /**
     * Looks at the database's current schema ({@code currentSchema} of the URL, else {@code public}).
     *
     * @param database a PostgreSQL database; any other is reported {@link #VERSIONED}, since migrations do
     *                 not apply to it (the embedded H2 database creates its own tables)
     * @return what the schema holds
     * @throws IllegalStateException when the database cannot be read
     */
    public static SchemaHistory of(Database database) {
        if (!database.isPostgres()) {
            return VERSIONED;
        }
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("select count(*), count(*) filter (where table_name = '" + TABLE
                     + "') from information_schema.tables where table_schema = current_schema()")) {
            tables.next();
            if (tables.getLong(1) == 0) {
                return EMPTY;
            }
            return tables.getLong(2) > 0 ? VERSIONED : UNVERSIONED;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + database.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
