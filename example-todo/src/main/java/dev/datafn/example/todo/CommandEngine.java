package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CommitBuses;
import io.helidon.config.Config;

/**
 * The engine a data command ({@code seed}, {@code export}, {@code import}) works through, in this process, on the
 * database the server would use ({@link Main#engine}), with the commit bus the server would publish on, so that
 * a server sharing a PostgreSQL database (or Redis) tells its live clients of the command's writes. The embedded
 * H2 file and the index beside it are locked by a running server: there the command refuses until it stops.
 *
 * @param datafn the engine
 * @param bus    its commit bus
 */
record CommandEngine(DataFn datafn, CommitBus bus) implements AutoCloseable {

    /**
     * @param config the configuration root
     * @return the configured engine, started
     * @throws IllegalStateException when a server holds the H2 file or the index directory
     */
    static CommandEngine open(Config config) {
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS);
        DataFn datafn = Main.engine(settings).build();
        try {
            return new CommandEngine(datafn, CommitBuses.configured(datafn, settings));
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
    }

    /** Closes the engine, then the bus, which sends the last commits. */
    @Override
    public void close() {
        try {
            datafn.close();
        } finally {
            bus.close();
        }
    }
}
