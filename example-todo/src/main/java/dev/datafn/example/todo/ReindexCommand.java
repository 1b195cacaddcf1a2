package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import io.helidon.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code reindex}: rebuilds the full-text index on disk from the configured database, every namespace's
 * searchable records, drawing a progress bar with the rate on standard error, and answers with the count and
 * the rate. It opens the index as the server does ({@code datafn.search.directory}, by default beside the H2
 * file), so it refuses to run while a server holds that directory, saying so.
 */
final class ReindexCommand {

    /** The command name {@link Main} hands over. */
    static final String NAME = "reindex";

    private ReindexCommand() {
    }

    /**
     * @param config   the configuration root
     * @param args     {@code reindex}
     * @param terminal where the progress bar is drawn, standard error
     * @return the final line: how many records were indexed, in how long, at what rate
     * @throws IllegalArgumentException with the usage for other arguments, or when there is no index on disk
     * @throws IllegalStateException when a server holds the index directory, or it cannot hold an index
     */
    static String run(Config config, String[] args, PrintStream terminal) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: reindex");
        }
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS);
        if (!settings.flag("search.enabled").orElse(true)) {
            throw new IllegalArgumentException("search is turned off (datafn.search.enabled=false): there is no "
                    + "index to rebuild");
        }
        Path directory = Main.indexDirectory(settings).orElseThrow(() -> new IllegalArgumentException(
                "the search index lives in memory on this configuration (datafn.db.url is set, "
                        + "datafn.search.directory is not): each start builds it anew; set datafn.search.directory "
                        + "to keep it on disk"));
        long started;
        long records;
        ReindexProgressBar bar;
        try (DataFn datafn = Main.engine(settings).build()) {
            started = System.nanoTime();
            terminal.println("Rebuilding the search index in " + directory.toAbsolutePath().normalize() + " ...");
            bar = new ReindexProgressBar(terminal, System::nanoTime);
            records = datafn.reindex(bar);
        }
        long took = System.nanoTime() - started;
        bar.finish();
        return summary(records, took);
    }

    /**
     * @param records the records indexed
     * @param nanos   how long it took
     * @return e.g. {@code Reindexed 1200 records in 2.4 s (500 records/s).}
     */
    static String summary(long records, long nanos) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "Reindexed %d records in %.1f s (%d records/s).", records, seconds,
                ReindexProgressBar.rate(records, nanos));
    }
}
