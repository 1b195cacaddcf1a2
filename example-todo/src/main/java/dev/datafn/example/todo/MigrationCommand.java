package dev.datafn.example.todo;

import dev.datafn.DataFnMigrations;
import dev.datafn.db.Database;
import dev.datafn.schema.Schema;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.Set;

/**
 * The schema migration commands, on the database the server would use ({@code datafn.db.*}):
 * <ul>
 *   <li>{@code migrate}: applies the scripts of {@code db/migration} (in the jar, from
 *       {@code src/main/resources/db/migration}) the database has not run yet;</li>
 *   <li>{@code generate-migration <description> [--dir D]}: writes the next script
 *       ({@code V<n>__<description>.sql}, into {@code D}, default {@code src/main/resources/db/migration})
 *       from the difference between the records and the database, for review;</li>
 *   <li>{@code baseline}: adopts a PostgreSQL database whose tables were made before migrations (by
 *       {@code hbm2ddl=update}, without Flyway's history, perhaps by an older release): finds the script of
 *       {@code db/migration} whose tables they are and records them as that version, so that {@code migrate}
 *       applies only the later scripts.</li>
 * </ul>
 * The scripts are PostgreSQL SQL; the embedded H2 database creates and updates its own tables.
 */
final class MigrationCommand {

    /** The command names {@link Main} hands over. */
    static final Set<String> NAMES = Set.of("migrate", "generate-migration", "baseline");

    /** Where {@code generate-migration} writes when no {@code --dir} is given: the example's source tree. */
    static final String DEFAULT_DIRECTORY = "src/main/resources/db/migration";

    /** What {@code migrate} and {@code baseline} answer on the embedded H2 database. */
    static final String H2_NOTE = "The embedded H2 database creates and updates its tables at startup; the "
            + "migrations are for PostgreSQL (set datafn.db.url). Nothing done.";

    private MigrationCommand() {
    }

    /**
     * @param config the configuration root
     * @param args   the command and its arguments
     * @return what was done, for the terminal
     * @throws IllegalArgumentException when the arguments are wrong, with the usage
     * @throws IllegalStateException when the database refuses the command, saying why and what to run instead
     */
    static String run(Config config, String[] args) {
        Database database = Main.database(config);
        return switch (args[0]) {
            case "migrate" -> {
                if (args.length != 1) {
                    throw new IllegalArgumentException("usage: migrate");
                }
                if (!database.isPostgres()) {
                    yield H2_NOTE;
                }
                int applied = DataFnMigrations.migrate(database);
                yield applied == 0 ? "The database is up to date." : "Applied " + applied + " migration(s).";
            }
            case "baseline" -> {
                if (args.length != 1) {
                    throw new IllegalArgumentException("usage: baseline");
                }
                if (!database.isPostgres()) {
                    yield H2_NOTE;
                }
                String version = DataFnMigrations.baseline(database);
                yield "Adopted the database: its tables are those of migration " + version
                        + ", recorded as its baseline. Run `migrate` for the later migrations.";
            }
            case "generate-migration" -> generate(database, args);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
    }

    private static String generate(Database database, String[] args) {
        String usage = "usage: generate-migration <description> [--dir " + DEFAULT_DIRECTORY + "]";
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--dir"))) {
            throw new IllegalArgumentException(usage);
        }
        Path directory = Path.of(args.length == 4 ? args[3] : DEFAULT_DIRECTORY);
        return DataFnMigrations.generate(database, Schema.of(TodoAppSchema.INSTANCE), directory, args[1])
                .map(script -> "Wrote " + script + ": review it, then commit it and run `migrate`.")
                .orElse("The database already matches the records; no script written.");
    }
}
