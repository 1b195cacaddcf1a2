package dev.datafn.example.todo;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import dev.datafn.config.DataFnConfig;
import dev.datafn.db.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;

/**
 * One run of the jar's command line in this JVM, as {@code java -jar example-todo.jar <args>} would run it, with
 * what it wrote on standard output and standard error.
 *
 * @param status the exit status
 * @param out    standard output
 * @param err    standard error
 */
record CliRun(int status, String out, String err) {

    /**
     * @param config the configuration the commands read
     * @param args   the command line
     * @return how it ended
     */
    static CliRun of(Config config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ExampleCli.commandLine(() -> config, () -> {
            throw new AssertionError("the command line served instead of running a command");
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /**
     * @param database the database the commands use
     * @return the configuration of a server on it, as its environment would give it
     */
    static Config on(Database database) {
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_DB_URL", database.jdbcUrl(),
                "DATAFN_DB_USER", database.user(), "DATAFN_DB_PASSWORD", database.password(),
                "DATAFN_JWT_SECRET", "cli-test-secret-" + UUID.randomUUID(), "DATAFN_DB_SCHEMA", "update"));
        return DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS, ConfigSources.classpath("application.yaml"));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
