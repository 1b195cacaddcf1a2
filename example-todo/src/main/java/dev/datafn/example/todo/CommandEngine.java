package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CommitBuses;
import io.helidon.config.Config;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine a data command ({@code seed}, {@code export}, {@code import}) works through, in this process, on the
 * database the server would use ({@link Main#engine}), with the commit bus the server would publish on, so that
 * a server sharing a PostgreSQL database (or Redis) tells its live clients of the command's writes. The embedded
 * H2 file and the index beside it are locked by a running server: there the command refuses until it stops.
 *
 * <p>While it is open the {@code dev.datafn.audit} logger ({@link MutationAuditLog}) is turned down to warnings:
 * a bulk command's summary says what it wrote, where the server's audit would write a line per record, over the
 * progress bar.
 *
 * @param datafn     the engine
 * @param bus        its commit bus
 * @param auditLevel the audit logger's level before, restored at the close
 */
record CommandEngine(DataFn datafn, CommitBus bus, Level auditLevel) implements AutoCloseable {

    /** Held, so that the level set on it is not lost with a collected logger. */
    private static final Logger AUDIT = Logger.getLogger("dev.datafn.audit");

    /**
     * @param config the configuration root
     * @return the configured engine, started
     * @throws IllegalStateException when a server holds the H2 file or the index directory
     */
    static CommandEngine open(Config config) {
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS);
        DataFn datafn = Main.engine(settings).build();
        try {
            CommandEngine engine = new CommandEngine(datafn, CommitBuses.configured(datafn, settings),
                    AUDIT.getLevel());
            AUDIT.setLevel(Level.WARNING);
            return engine;
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
    }

    /** Closes the engine, then the bus, which sends the last commits; the audit logger speaks again. */
    @Override
    public void close() {
        try {
            datafn.close();
        } finally {
            try {
                bus.close();
            } finally {
                AUDIT.setLevel(auditLevel);
            }
        }
    }
}
