package dev.datafn.example.todo;

import dev.datafn.error.DataFnException;
import io.helidon.config.Config;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The jar's command line: {@link ExampleCommand} (which serves when no command is given) and its commands, each
 * a class of its own. A refusal reads better as its message alone, which says what to do (baseline first, stop
 * the server holding the index): a command's {@link IllegalArgumentException} (wrong arguments) exits 2, its
 * {@link IllegalStateException} (a refused state) or a request the engine refused ({@link DataFnException}) 1;
 * picocli's own usage errors exit 2 with its message and the command's usage.
 */
final class ExampleCli {

    /** The exit status of a command whose arguments are wrong, picocli's for a usage error too. */
    static final int WRONG_ARGUMENTS = 2;

    /** The exit status of a command the state of the database or the data refused. */
    static final int REFUSED = 1;

    private ExampleCli() {
    }

    /**
     * @param configuration the configuration every command reads, as the server would
     * @param serve         starts the server and keeps it running
     * @return the command line, ready to {@link CommandLine#execute execute} the jar's arguments
     */
    static CommandLine commandLine(Supplier<Config> configuration, Runnable serve) {
        CommandLine cli = new CommandLine(new ExampleCommand(serve))
                .addSubcommand(new ExampleCommand.Serve(serve))
                .addSubcommand(new TokenCommand(configuration))
                .addSubcommand(new SeedCommand(configuration))
                .addSubcommand(new ExportCommand(configuration))
                .addSubcommand(new ImportCommand(configuration))
                .addSubcommand(new MigrationCommand.Migrate(configuration))
                .addSubcommand(new MigrationCommand.Baseline(configuration))
                .addSubcommand(new MigrationCommand.Generate(configuration))
                .addSubcommand(new ReindexCommand(configuration))
                .addSubcommand(new ExplainCommand(configuration))
                .addSubcommand(new TrainingRun.Command());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            int status;
            if (e instanceof IllegalArgumentException) {
                status = WRONG_ARGUMENTS;
            } else if (e instanceof IllegalStateException) {
                status = REFUSED;
            } else if (e instanceof DataFnException refused) {
                // The engine refused a request of the command: its code and message say why, as over HTTP.
                command.getErr().println(refused.code() + ": " + refused.getMessage());
                command.getErr().flush();
                return REFUSED;
            } else {
                throw e;
            }
            command.getErr().println(e.getMessage());
            command.getErr().flush();
            return status;
        });
        return cli;
    }
}
