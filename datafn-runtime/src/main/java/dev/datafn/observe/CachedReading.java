package dev.datafn.observe;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A reading that costs a query, taken at most once per period however often it is scraped. When a
 * reading fails (the database is down) the gauge shows NaN rather than a stale number.
 */
final class CachedReading {

    private static final System.Logger LOG = System.getLogger(CachedReading.class.getName());

    private final LongSupplier reading;
    private final long periodNanos;
    private double value = Double.NaN;
    private long takenAt;
    private boolean taken;

    /**
     * @param reading takes the reading
     * @param period  how long a reading stays fresh
     */
    CachedReading(LongSupplier reading, Duration period) {
        this.reading = reading;
        this.periodNanos = period.toNanos();
    }

    /** @return the latest reading, taken now when the last one is older than the period */
    synchronized double get() {
        long now = System.nanoTime();
        if (!taken || now - takenAt >= periodNanos) {
            taken = true;
            takenAt = now;
            try {
                value = reading.getAsLong();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a DataFn gauge reading failed", e);
                value = Double.NaN;
            }
        }
        return value;
    }
}
