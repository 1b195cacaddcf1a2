package dev.datafn.example.todo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * While armed, holds each statement that reads the {@code todos} table for a moment and records how
 * many were held at once. Queries that run concurrently overlap while they are held; queries that wait
 * for their turn do not. So the most seen at once is how many queries really ran together.
 */
final class InFlightStatements implements StatementInspector {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    /** How long each statement is held; zero while disarmed. */
    private volatile long holdMillis;

    @Override
    public String inspect(String sql) {
        long hold = holdMillis;
        if (hold > 0 && sql.regionMatches(true, 0, "select", 0, 6) && sql.contains("todos")) {
            most.accumulateAndGet(held.incrementAndGet(), Math::max);
            try {
                Thread.sleep(hold);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        return sql;
    }

    /** @param hold how long to hold each statement from now on; forgets what was seen before */
    void arm(Duration hold) {
        most.set(0);
        holdMillis = hold.toMillis();
    }

    /** @return the most statements held at once since {@link #arm}; statements pass freely again */
    int disarm() {
        holdMillis = 0;
        return most.get();
    }
}
