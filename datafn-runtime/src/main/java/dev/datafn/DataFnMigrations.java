package dev.datafn;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaHistory;
import dev.datafn.db.SchemaShape;
import dev.datafn.db.UnversionedDatabaseException;
import dev.datafn.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Versioned schema migrations with Flyway: applies the reviewed scripts ({@code V<n>__<description>.sql})
 * an application ships, and writes the next script from the difference between the annotated records
 * and a database, for a developer to review and commit.
 *
 * <p>A PostgreSQL database is only checked when an engine starts (see
 * {@link dev.datafn.db.SchemaManagement}), so an application runs {@link #migrate(Database)} before
 * {@link DataFnBuilder#build()}, or an operator runs the application's {@code migrate} command. The
 * scripts include DataFn's own tables (change log, sequence counters, idempotency records).
 *
 * <p>A database whose tables were made before the application had migrations (by {@code hbm2ddl=update}, so
 * without Flyway's history) is adopted once with {@link #baseline(Database)}; until then neither
 * {@link #migrate(Database)} nor an engine on it runs.
 */
public final class DataFnMigrations {

    /** Where an application's scripts live by default: {@code src/main/resources/db/migration}. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    /** How many differences a refused {@link #baseline(Database, String...) baseline} names at most. */
    private static final int MAX_DIFFERENCES_SHOWN = 20;

    /** The version of a Flyway script file name, e.g. {@code 3} of {@code V3__add_priority.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    private DataFnMigrations() {
    }

    /**
     * Applies the scripts under {@link #DEFAULT_LOCATION} that the database has not run yet.
     *
     * @param database the database to bring up to date
     * @return how many scripts were applied (0 when it was up to date)
     */
    public static int migrate(Database database) {
        return migrate(database, DEFAULT_LOCATION);
    }

    /**
     * Applies the scripts the database has not run yet, in version order, each in its own transaction.
     *
     * @param database  the database to bring up to date
     * @param locations where the scripts are, in Flyway's notation ({@code classpath:db/migration},
     *                  {@code filesystem:src/main/resources/db/migration})
     * @return how many scripts were applied (0 when it was up to date)
     * @throws UnversionedDatabaseException when the database has tables that no migration made: it is never
     *         baselined silently, since its tables may not be those of the first script
     * @throws org.flywaydb.core.api.FlywayException when a script fails (it is rolled back) or an applied
     *         script was changed since
     */
    public static int migrate(Database database, String... locations) {
        Flyway flyway = flyway(database, locations);
        if (SchemaHistory.of(database) == SchemaHistory.UNVERSIONED) {
            throw new UnversionedDatabaseException(database);
        }
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * Adopts a database whose tables were made before the application had migrations, from the scripts under
     * {@link #DEFAULT_LOCATION}: see {@link #baseline(Database, String...)}.
     *
     * @param database the database to adopt
     * @return the version it was recorded at, e.g. {@code 1}
     */
    public static String baseline(Database database) {
        return baseline(database, DEFAULT_LOCATION);
    }

    /**
     * Adopts a database whose tables were made before the application had migrations (by
     * {@code hbm2ddl=update}, perhaps by an older release of the application): finds the migration whose tables
     * they are, and records them in Flyway's history as that version, the baseline, so that
     * {@link #migrate(Database)} applies only the scripts after it. Nothing else in the database is changed.
     *
     * <p>The tables are compared with what the scripts make, not with the records of the running application:
     * each versioned script is run in turn into a scratch schema of the same database (created and dropped
     * here), and the database's tables (columns with their types and nullability, constraints, indexes) must
     * equal those after one of them. The earliest such version is recorded, so a later script that changes no
     * table (a data fix) still runs. A database made by a release whose tables were those of {@code V1} is
     * recorded at 1 and then migrated like every other; one made by the current release is recorded at the last
     * version.
     *
     * @param database  the PostgreSQL database to adopt; its user needs to create schemas
     * @param locations where the scripts are, in Flyway's notation
     * @return the version it was recorded at, e.g. {@code 1}
     * @throws IllegalStateException when the database is not PostgreSQL, is empty or already has a migration
     *         history (run {@code migrate} instead), or when its tables are those of no script, naming what
     *         differs from the closest one; nothing is then recorded
     */
    public static String baseline(Database database, String... locations) {
        if (!database.isPostgres()) {
            throw new IllegalStateException("Nothing to adopt: " + database.jdbcUrl() + " is not PostgreSQL; the "
                    + "migrations are for PostgreSQL, the embedded H2 database creates its own tables.");
        }
        SchemaHistory history = SchemaHistory.of(database);
        if (history != SchemaHistory.UNVERSIONED) {
            throw new IllegalStateException("Nothing to adopt: " + database.jdbcUrl() + (history == SchemaHistory.EMPTY
                    ? " has no tables" : " already has a migration history (" + SchemaHistory.TABLE + ")")
                    + ". Run `migrate` instead.");
        }
        List<MigrationReplay.Step> steps = MigrationReplay.replay(database, locations);
        if (steps.isEmpty()) {
            throw new IllegalStateException("Refusing to baseline " + database.jdbcUrl() + ": there are no "
                    + "migrations at " + String.join(", ", locations) + " to compare its tables with.");
        }
        SchemaShape tables;
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            tables = SchemaShape.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + database.jdbcUrl() + ": " + e.getMessage(), e);
        }
        MigrationReplay.Step closest = null;
        List<String> fewest = null;
        for (MigrationReplay.Step step : steps) {
            List<String> differences = tables.differencesFrom(step.shape());
            if (fewest == null || differences.size() < fewest.size()) {
                closest = step;
                fewest = differences;
            }
        }
        if (!fewest.isEmpty()) {
            throw new IllegalStateException("Refusing to baseline " + database.jdbcUrl() + ": its tables are not those "
                    + "of any migration. They are closest to migration " + closest.version() + " ("
                    + closest.script() + "), from which they differ: " + summary(fewest) + ". Bring the tables to "
                    + "those of " + closest.script() + " by hand (or restore them), then run `baseline` again.");
        }
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .baselineVersion(closest.version())
                .baselineDescription("adopted tables made before migrations")
                .load()
                .baseline();
        return closest.version();
    }

    /** @return the first differences, joined, and how many more there are */
    private static String summary(List<String> differences) {
        int shown = Math.min(differences.size(), MAX_DIFFERENCES_SHOWN);
        return String.join("; ", differences.subList(0, shown))
                + (differences.size() > shown ? "; and " + (differences.size() - shown) + " more" : "");
    }

    /**
     * @param database  the database
     * @param locations where the scripts are, in Flyway's notation
     * @return the scripts there that the database has not run yet, e.g. {@code V2__add_priority.sql}
     */
    public static List<String> pending(Database database, String... locations) {
        return Stream.of(flyway(database, locations).info().pending()).map(MigrationInfo::getScript).toList();
    }

    /**
     * Writes the next migration script into a directory: the SQL that adds to the database what the
     * records have and it lacks (new tables, columns, indexes, constraints; Hibernate's schema migrator
     * never drops nor retypes, so renames and type changes are written by hand). The database is not
     * changed.
     *
     * @param database    the database to compare with, with every script of the directory already applied
     * @param schema      the records
     * @param directory   the scripts' directory, e.g. {@code src/main/resources/db/migration}; created if absent
     * @param description what the change is, e.g. {@code add todo priority}; becomes the file name's tail
     * @return the script written, {@code V<n>__<description>.sql} with n one above the directory's highest
     *         version, or empty when the database already matches the records
     * @throws IllegalStateException when the database has not run every script of the directory yet, or has
     *         tables that no migration made ({@link UnversionedDatabaseException})
     */
    public static Optional<Path> generate(Database database, Schema schema, Path directory, String description) {
        Objects.requireNonNull(schema, "schema");
        String name = fileNamePart(description);
        if (SchemaHistory.of(database) == SchemaHistory.UNVERSIONED) {
            throw new UnversionedDatabaseException(database);
        }
        try {
            Files.createDirectories(directory);
            List<String> pending = pending(database, "filesystem:" + directory.toAbsolutePath());
            if (!pending.isEmpty()) {
                throw new IllegalStateException("the database has not run " + pending + " of " + directory
                        + " yet: migrate it first, so that the new script holds only the new change");
            }
            Path draft = Files.createTempFile("datafn-migration", ".sql");
            try {
                DataStore.writeUpdateScript(database, schema, EngineCore.systemEntities(), draft);
                String sql = Files.readString(draft, StandardCharsets.UTF_8).strip();
                if (sql.isEmpty()) {
                    return Optional.empty();
                }
                Path script = directory.resolve("V" + (highestVersion(directory) + 1) + "__" + name + ".sql");
                Files.writeString(script, "-- " + description.strip() + "\n"
                        + "-- Written by DataFnMigrations.generate from the difference between the records and the "
                        + "database; review it before committing.\n"
                        + sql + "\n", StandardCharsets.UTF_8);
                return Optional.of(script);
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the migration script into " + directory, e);
        }
    }

    /** Flyway on the database, reading scripts from the locations. */
    private static Flyway flyway(Database database, String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("no migration location given");
        }
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(locations)
                .load();
    }

    /** @return the highest {@code V<n>} among the directory's scripts, 0 when there is none */
    private static int highestVersion(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0);
        }
    }

    /** @return the description as Flyway shows it back: lower case words joined by underscores */
    private static String fileNamePart(String description) {
        String name = Objects.requireNonNull(description, "description").strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a migration needs a description of letters or digits, e.g. "
                    + "'add todo priority'");
        }
        return name;
    }
}
