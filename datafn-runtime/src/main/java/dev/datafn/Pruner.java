package dev.datafn;

import dev.datafn.config.Retention;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Deletes expired records on startup and at an interval, as a {@link Retention} asks. */
final class Pruner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Pruner.class.getName());

    private final ScheduledExecutorService schedule;

    private Pruner(ScheduledExecutorService schedule) {
        this.schedule = schedule;
    }

    /**
     * @param retention the retention
     * @param prune     deletes expired records and says how many
     * @return the running pruner (doing nothing when the retention never prunes)
     */
    static Pruner start(Retention retention, IntSupplier prune) {
        if (retention.pruneOnStartup()) {
            runLogged(prune);
        }
        if (retention.pruneIntervalMs() == 0) {
            return new Pruner(null);
        }
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "datafn-pruner");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> runLogged(prune), retention.pruneIntervalMs(),
                retention.pruneIntervalMs(), TimeUnit.MILLISECONDS);
        return new Pruner(schedule);
    }

    private static void runLogged(IntSupplier prune) {
        try {
            int deleted = prune.getAsInt();
            LOG.log(Level.DEBUG, "pruned {0} expired records", deleted);
        } catch (RuntimeException e) {
            // A failed prune is retried at the next interval; it must not stop the schedule.
            LOG.log(Level.WARNING, "pruning expired records failed", e);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
