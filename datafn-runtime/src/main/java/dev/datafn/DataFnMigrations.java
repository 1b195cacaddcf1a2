package dev.datafn;

import dev.datafn.db.DataStore;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaHistory;
import dev.datafn.db.SchemaManagement;
import dev.datafn.db.SchemaMismatchException;
import dev.datafn.db.UnversionedDatabaseException;
import dev.datafn.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@link DataFn.Builder#build()}, or an operator runs the application's {@code migrate} command. The
 * scripts include DataFn's own tables (change log, sequence counters, idempotency records).
 *
 * <p>A database whose tables were made before the application had migrations (by {@code hbm2ddl=update}, so
 * without Flyway's history) is adopted once with {@link #baseline(Database, Schema)}; until then neither
 * {@link #migrate(Database)} nor an engine on it runs.
 */
public final class DataFnMigrations {

    /** Where an application's scripts live by default: {@code src/main/resources/db/migration}. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    /** The version a {@link #baseline(Database, Schema) baselined} database is recorded at: the first script's. */
    public static final String BASELINE_VERSION = "1";

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
     * Adopts a database whose tables were made before the application had migrations (by
     * {@code hbm2ddl=update}): checks that they match the records exactly as a starting engine would, then
     * records them in Flyway's history as migration {@value #BASELINE_VERSION}, the baseline, so that
     * {@link #migrate(Database)} applies only the scripts after it. Nothing else is changed.
     *
     * @param database the database to adopt
     * @param schema   the records the tables must match
     * @throws IllegalStateException when the database is empty or already has a migration history (run
     *         {@code migrate} instead), or when its tables do not match the records, saying what differs;
     *         the database is then left as it was
     */
    public static void baseline(Database database, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        SchemaHistory history = SchemaHistory.of(database);
        if (history != SchemaHistory.UNVERSIONED) {
            throw new IllegalStateException("Nothing to adopt: " + database.jdbcUrl() + (history == SchemaHistory.EMPTY
                    ? " has no tables" : " already has a migration history (" + SchemaHistory.TABLE + ")")
                    + ". Run `migrate` instead.");
        }
        try {
            DataStore.check(database.withSchemaManagement(SchemaManagement.VALIDATE), schema, DataFn.systemEntities());
        } catch (SchemaMismatchException e) {
            throw new IllegalStateException("Refusing to baseline " + database.jdbcUrl() + ": its tables do not match "
                    + "the records, so they are not those of migration " + BASELINE_VERSION + ": "
                    + e.difference() + ". Bring the tables to the records by hand (or restore them), then run "
                    + "`baseline` again.", e);
        }
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .baselineVersion(BASELINE_VERSION)
                .baselineDescription("adopted tables made before migrations")
                .load()
                .baseline();
    }

    /**
     * @param database  the database
     * @param locations where the scripts are, in Flyway's notation
     * @return the scripts there that the database has not run yet, e.g. {@code V2__add_priority.sql}
     */
    public static java.util.List<String> pending(Database database, String... locations) {
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
            java.util.List<String> pending = pending(database, "filesystem:" + directory.toAbsolutePath());
            if (!pending.isEmpty()) {
                throw new IllegalStateException("the database has not run " + pending + " of " + directory
                        + " yet: migrate it first, so that the new script holds only the new change");
            }
            Path draft = Files.createTempFile("datafn-migration", ".sql");
            try {
                DataStore.writeUpdateScript(database, schema, DataFn.systemEntities(), draft);
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
