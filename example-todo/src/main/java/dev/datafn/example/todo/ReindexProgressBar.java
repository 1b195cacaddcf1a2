package dev.datafn.example.todo;

import dev.datafn.search.ReindexProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A text progress bar for {@code reindex}, redrawn in place with a carriage return:
 * {@code [##########----------]  50%  600/1200 records  500 records/s}. It redraws at most ten times a second
 * (and at the end), so that a fast rebuild does not spend its time drawing.
 */
final class ReindexProgressBar implements ReindexProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream terminal;
    private final LongSupplier clock;
    private final long started;
    private long lastDrawn = Long.MIN_VALUE;
    private long done;
    private long total;

    /**
     * @param terminal where to draw
     * @param clock    nanoseconds, for the rate
     */
    ReindexProgressBar(PrintStream terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    @Override
    public synchronized void progress(long done, long total) {
        this.done = done;
        this.total = total;
        long now = clock.getAsLong();
        if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS || done >= total) {
            lastDrawn = now;
            terminal.print("\r" + line(done, total, now - started));
            terminal.flush();
        }
    }

    /** Draws the last state and ends the bar's line. */
    synchronized void finish() {
        terminal.println("\r" + line(done, total, clock.getAsLong() - started));
    }

    /**
     * @param done  records indexed
     * @param total records to index
     * @param nanos time since the start
     * @return the bar's text
     */
    static String line(long done, long total, long nanos) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        // Rounded down: 100% and a full bar only once every record is done.
        int filled = (int) (fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d records  %d records/s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) (fraction * 100), done, total, rate(done, nanos));
    }

    /** @param records records indexed @param nanos in how long @return records per second, rounded */
    static long rate(long records, long nanos) {
        return nanos <= 0 ? records : Math.round(records / (nanos / 1e9));
    }
}
