package dev.datafn.realtime;

import java.time.Duration;

/**
 * How long a bus waits before it connects again: 100 ms, doubling up to 5 s, back to 100 ms once a
 * connection holds. Quick enough that a restarted database or Redis is heard again within seconds, slow
 * enough that one that stays down is not hammered.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MOST = Duration.ofSeconds(5);

    private Duration next = FIRST;

    /** @return the wait before the next attempt; each call doubles the following one */
    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(MOST) > 0 ? MOST : doubled;
        return now;
    }

    /** A connection held: the next failure starts from the first wait again. */
    void reset() {
        next = FIRST;
    }
}
