package dev.datafn.example.todo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * {@code example-todo [command]}: the jar's top command. Without a command it serves, as {@code serve} does, so
 * the README's first command, {@code java -jar example-todo/target/example-todo.jar}, starts the server. Every
 * command inherits {@code --help} and {@code --version}.
 */
@Command(name = "example-todo", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = ExampleCommand.JarVersion.class, sortOptions = false,
        description = "The DataFn example: todos, projects and tags served over the DataFn protocol at /datafn. "
                + "Without a command it serves. Every command reads the server's configuration "
                + "(system properties, DATAFN_* variables, application.yaml).")
final class ExampleCommand implements Callable<Integer> {

    private final Runnable serve;

    /** @param serve starts the server and keeps it running */
    ExampleCommand(Runnable serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() {
        serve.run();
        return 0;
    }

    /** {@code serve}: what the jar does without a command, named for scripts that say so. */
    @Command(name = "serve", description = "Starts the server (the default) and serves until SIGTERM or SIGINT.")
    static final class Serve implements Callable<Integer> {

        private final Runnable serve;

        /** @param serve starts the server and keeps it running */
        Serve(Runnable serve) {
            this.serve = serve;
        }

        @Override
        public Integer call() {
            serve.run();
            return 0;
        }
    }

    /** {@code --version}: the jar's {@code Implementation-Version}, or {@code development} outside the jar. */
    static final class JarVersion implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = ExampleCommand.class.getPackage().getImplementationVersion();
            return new String[] {"example-todo " + (version == null ? "development" : version)};
        }
    }
}
