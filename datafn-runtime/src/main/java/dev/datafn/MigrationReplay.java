package dev.datafn;

import dev.datafn.db.Database;
import dev.datafn.db.SchemaShape;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The tables each versioned migration leaves behind, found by running the scripts one version at a time into a
 * scratch schema of the same PostgreSQL database (a fresh, uniquely named one, dropped afterwards whatever
 * happens): what a database adopted as that version must hold. The scripts run as {@code migrate} runs them, so
 * their SQL is PostgreSQL's own and nothing is inferred from the records.
 */
final class MigrationReplay {

    /**
     * The tables after one migration.
     *
     * @param version the migration's version, e.g. {@code 1}
     * @param script  its script, e.g. {@code V1__baseline.sql}
     * @param shape   the tables the scripts up to and including it make
     */
    record Step(String version, String script, SchemaShape shape) {
    }

    private MigrationReplay() {
    }

    /**
     * Runs the scripts into a scratch schema, one version after another.
     *
     * @param database  the PostgreSQL database the scratch schema is made in (its user needs to create schemas)
     * @param locations where the scripts are, in Flyway's notation
     * @return each versioned migration in version order, with the tables after it; empty when there is none
     * @throws IllegalStateException when the scratch schema cannot be made or a script fails in it
     */
    static List<Step> replay(Database database, String... locations) {
        String scratch = "datafn_baseline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(database, "create schema " + scratch);
        try {
            PGSimpleDataSource inScratch = new PGSimpleDataSource();
            inScratch.setUrl(database.jdbcUrl());
            // Set after the URL, so it replaces any currentSchema the URL names: the scripts' unqualified names
            // resolve in the scratch schema only, never in the database's own tables.
            inScratch.setCurrentSchema(scratch);
            inScratch.setUser(database.user());
            inScratch.setPassword(database.password());
            FluentConfiguration flyway = Flyway.configure().dataSource(inScratch).locations(locations)
                    .failOnMissingLocations(true);
            List<MigrationInfo> versions = Stream.of(flyway.load().info().all())
                    .filter(MigrationInfo::isVersioned).toList();
            List<Step> steps = new ArrayList<>();
            for (MigrationInfo version : versions) {
                try {
                    flyway.target(version.getVersion()).load().migrate();
                } catch (FlywayException e) {
                    throw new IllegalStateException("cannot run " + version.getScript() + " into a scratch schema "
                            + "to learn the tables it makes: " + e.getMessage(), e);
                }
                try (Connection c = inScratch.getConnection()) {
                    steps.add(new Step(version.getVersion().getVersion(), version.getScript(), SchemaShape.read(c)));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of the scratch schema " + scratch + ": "
                    + e.getMessage(), e);
        } finally {
            execute(database, "drop schema if exists " + scratch + " cascade");
        }
    }

    private static void execute(Database database, String sql) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql + " in " + database.jdbcUrl()
                    + " (adopting a database replays its migrations into a scratch schema, so its user needs to "
                    + "create schemas): " + e.getMessage(), e);
        }
    }
}
