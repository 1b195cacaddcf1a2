package dev.datafn.bench;

import java.time.Instant;

/**
 * The clock that commit times (in the bench's JVM) and frame receipt times (in the socket client's process)
 * are both read from, so one minus the other is a latency. {@link System#nanoTime()} cannot serve: its
 * origin is per process. {@link System#currentTimeMillis()} is too coarse for latencies of a few
 * milliseconds. {@link Instant#now()} reads the system's real-time clock (on Linux {@code CLOCK_REALTIME},
 * at nanosecond resolution), one clock for every process on the machine; a step of that clock during a
 * window would show as a latency jump, which an NTP slew of a few microseconds a second does not make.
 */
final class SharedClock {

    private SharedClock() {
    }

    /** @return the microseconds since the epoch, now */
    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
