package dev.datafn.example.todo;

import dev.datafn.search.ReindexProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long command ({@code seed}, {@code export}, {@code import}, {@code reindex}) on standard
 * error. On a terminal it is a bar redrawn in place with a carriage return,
 * {@code [###############---------------]  50%  600/1200 records  500 records/s  ETA 1s}, at most ten times a
 * second (and at the end), so that a fast run does not spend its time drawing. Elsewhere (a log file, a CI job)
 * it is a plain line each time another tenth of the work is done, so the log holds ten lines, not thousands of
 * carriage returns.
 */
final class ProgressBar implements ReindexProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** The terminal control sequence that erases from the cursor to the end of the line. */
    private static final String ERASE_TO_END = "\u001b[K";

    private final PrintWriter terminal;
    private final LongSupplier clock;
    private final boolean redrawn;
    private final String unit;
    private final long started;
    private long lastDrawn = Long.MIN_VALUE;
    private int tenthsWritten = -1;
    private long done;
    private long total;

    /**
     * @param terminal where to draw, standard error
     * @param clock    nanoseconds, for the rate and the ETA
     * @param redrawn  whether to redraw one line in place (a terminal) or write plain lines
     * @param unit     what is counted, plural: {@code records}, {@code rows}
     */
    ProgressBar(PrintWriter terminal, LongSupplier clock, boolean redrawn, String unit) {
        this.terminal = terminal;
        this.clock = clock;
        this.redrawn = redrawn;
        this.unit = unit;
        this.started = clock.getAsLong();
    }

    @Override
    public synchronized void progress(long done, long total) {
        this.done = done;
        this.total = total;
        long now = clock.getAsLong();
        if (redrawn) {
            if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS || done >= total) {
                lastDrawn = now;
                // Erases to the line's end: a shorter line (its ETA gone) leaves none of the last one behind.
                terminal.print("\r" + line(done, total, now - started, unit) + ERASE_TO_END);
                terminal.flush();
            }
            return;
        }
        int tenths = total <= 0 ? 10 : (int) Math.min(10, done * 10 / total);
        // From the first tenth on: the rate and the estimate of the first few units say little.
        if (tenths > Math.max(0, tenthsWritten)) {
            tenthsWritten = tenths;
            terminal.println(line(done, total, now - started, unit));
            terminal.flush();
        }
    }

    /** Draws the last state and ends the bar's line; plain lines end with the last one, written once. */
    synchronized void finish() {
        if (redrawn) {
            terminal.println("\r" + line(done, total, clock.getAsLong() - started, unit) + ERASE_TO_END);
        } else if (tenthsWritten < 10) {
            tenthsWritten = 10;
            terminal.println(line(done, total, clock.getAsLong() - started, unit));
        }
        terminal.flush();
    }

    /**
     * @param done  units done
     * @param total units to do
     * @param nanos time since the start
     * @param unit  what is counted
     * @return the bar's text, with the estimated time left while some is
     */
    static String line(long done, long total, long nanos, String unit) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        // Rounded down: 100% and a full bar only once every unit is done.
        int filled = (int) (fraction * WIDTH);
        long rate = rate(done, nanos);
        String text = String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d %s  %d %s/s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) (fraction * 100), done, total, unit, rate, unit);
        if (done < total && rate > 0) {
            text += "  ETA " + duration((total - done) / rate);
        }
        return text;
    }

    /** @param seconds a duration @return it as {@code 45s}, {@code 3m05s} or {@code 2h07m} */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** @param units units done @param nanos in how long @return units per second, rounded */
    static long rate(long units, long nanos) {
        return nanos <= 0 ? units : Math.round(units / (nanos / 1e9));
    }
}
