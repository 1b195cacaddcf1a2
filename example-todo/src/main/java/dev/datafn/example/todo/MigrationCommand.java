package dev.datafn.example.todo;

import dev.datafn.DataFnMigrations;
import dev.datafn.db.Database;
import dev.datafn.schema.Schema;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
 * The scripts are PostgreSQL SQL; the embedded H2 database creates and updates its own tables. A database that
 * refuses a command (unversioned, not any script's tables) exits 1 with its message, which says what to run.
 */
final class MigrationCommand {

    /** Where {@code generate-migration} writes when no {@code --dir} is given: the example's source tree. */
    static final String DEFAULT_DIRECTORY = "src/main/resources/db/migration";

    /** What {@code migrate} and {@code baseline} answer on the embedded H2 database. */
    static final String H2_NOTE = "The embedded H2 database creates and updates its tables at startup; the "
            + "migrations are for PostgreSQL (set datafn.db.url). Nothing done.";

    private MigrationCommand() {
    }

    /**
     * Runs a command that only PostgreSQL databases take and prints what it did; on H2, prints {@link #H2_NOTE}.
     *
     * @param spec          the command, whose output is printed to
     * @param configuration the configuration naming the database
     * @param work          does the command on the database and says what it did
     * @return the exit status, 0
     */
    private static int onPostgres(CommandSpec spec, Supplier<Config> configuration,
            java.util.function.Function<Database, String> work) {
        Database database = Main.database(configuration.get());
        spec.commandLine().getOut().println(database.isPostgres() ? work.apply(database) : H2_NOTE);
        return 0;
    }

    /** {@code migrate}. */
    @Command(name = "migrate", description = "Applies the migrations of db/migration the PostgreSQL database "
            + "has not run yet.")
    static final class Migrate implements Callable<Integer> {

        private final Supplier<Config> configuration;

        @Spec
        private CommandSpec spec;

        /** @param configuration the configuration naming the database */
        Migrate(Supplier<Config> configuration) {
            this.configuration = configuration;
        }

        @Override
        public Integer call() {
            return onPostgres(spec, configuration, database -> {
                int applied = DataFnMigrations.migrate(database);
                return applied == 0 ? "The database is up to date." : "Applied " + applied + " migration(s).";
            });
        }
    }

    /** {@code baseline}. */
    @Command(name = "baseline", description = "Adopts a PostgreSQL database whose tables were made before "
            + "migrations, recording the migration whose tables they are.")
    static final class Baseline implements Callable<Integer> {

        private final Supplier<Config> configuration;

        @Spec
        private CommandSpec spec;

        /** @param configuration the configuration naming the database */
        Baseline(Supplier<Config> configuration) {
            this.configuration = configuration;
        }

        @Override
        public Integer call() {
            return onPostgres(spec, configuration, database -> "Adopted the database: its tables are those of "
                    + "migration " + DataFnMigrations.baseline(database)
                    + ", recorded as its baseline. Run `migrate` for the later migrations.");
        }
    }

    /** {@code generate-migration <description> [--dir D]}. */
    @Command(name = "generate-migration", description = "Writes the next migration script from the difference "
            + "between the records and the database, for review.")
    static final class Generate implements Callable<Integer> {

        private final Supplier<Config> configuration;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "<description>", description = "The script's description, in its file name.")
        private String description;

        @Option(names = "--dir", paramLabel = "D", defaultValue = DEFAULT_DIRECTORY,
                description = "Where to write it (default: ${DEFAULT-VALUE}).")
        private Path directory;

        /** @param configuration the configuration naming the database */
        Generate(Supplier<Config> configuration) {
            this.configuration = configuration;
        }

        @Override
        public Integer call() {
            Database database = Main.database(configuration.get());
            spec.commandLine().getOut().println(DataFnMigrations.generate(database,
                            Schema.of(TodoAppSchema.INSTANCE), directory, description)
                    .map(script -> "Wrote " + script + ": review it, then commit it and run `migrate`.")
                    .orElse("The database already matches the records; no script written."));
            return 0;
        }
    }
}
