package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import io.helidon.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reindex}: rebuilds the full-text index on disk from the configured database, every namespace's
 * searchable records, drawing its progress with the rate on standard error ({@link ProgressBar}), and answers
 * with the count and the rate. It opens the index as the server does ({@code datafn.search.directory}, by default
 * beside the H2 file), so it refuses to run while a server holds that directory, saying so.
 */
@Command(name = "reindex", description = "Rebuilds the full-text index on disk from the database (stop the "
        + "server first).")
final class ReindexCommand implements Callable<Integer> {

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProgressOption progress;

    /** @param configuration the configuration naming the database and the index */
    ReindexCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    /**
     * @throws IllegalArgumentException when there is no index on disk
     * @throws IllegalStateException    when a server holds the index directory, or it cannot hold an index
     */
    @Override
    public Integer call() {
        DataFnSettings settings = DataFnSettings.read(configuration.get().get("datafn"), Main.OWN_OPTIONS);
        if (!settings.flag("search.enabled").orElse(true)) {
            throw new IllegalArgumentException("search is turned off (datafn.search.enabled=false): there is no "
                    + "index to rebuild");
        }
        Path directory = Main.indexDirectory(settings).orElseThrow(() -> new IllegalArgumentException(
                "the search index lives in memory on this configuration (datafn.db.url is set, "
                        + "datafn.search.directory is not): each start builds it anew; set datafn.search.directory "
                        + "to keep it on disk"));
        PrintWriter terminal = spec.commandLine().getErr();
        long started;
        long records;
        ProgressBar bar;
        try (DataFn datafn = Main.engine(settings).build()) {
            started = System.nanoTime();
            terminal.println("Rebuilding the search index in " + directory.toAbsolutePath().normalize() + " ...");
            bar = progress.bar(terminal, "records");
            records = datafn.reindex(bar);
        }
        long took = System.nanoTime() - started;
        bar.finish();
        spec.commandLine().getOut().println(summary(records, took));
        return 0;
    }

    /**
     * @param records the records indexed
     * @param nanos   how long it took
     * @return e.g. {@code Reindexed 1200 records in 2.4 s (500 records/s).}
     */
    static String summary(long records, long nanos) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "Reindexed %d records in %.1f s (%d records/s).", records, seconds,
                ProgressBar.rate(records, nanos));
    }
}
