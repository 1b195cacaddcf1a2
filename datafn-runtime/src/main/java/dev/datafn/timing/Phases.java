package dev.datafn.timing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time one request spends in each named phase, in microseconds, recorded on the request's thread.
 * The HTTP pipeline {@linkplain #start starts} a recording only when a timing listener is registered; the
 * engine's {@link #mark}/{@link #add} then cost one thread-local read and nothing more when none is.
 *
 * <p>Phases recorded by the engine never nest, so their sum never exceeds the request's duration.
 */
public final class Phases {

    private static final ThreadLocal<Phases> CURRENT = new ThreadLocal<>();

    private final Map<String, Long> micros = new LinkedHashMap<>();

    private Phases() {
    }

    /**
     * Starts recording on this thread, replacing any earlier recording.
     *
     * @return the recording, to read and {@linkplain #stop stop} when the request ends
     */
    public static Phases start() {
        Phases phases = new Phases();
        CURRENT.set(phases);
        return phases;
    }

    /** Stops recording on this thread. */
    public void stop() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    /**
     * @return the clock reading a phase starts at, or 0 when nothing records on this thread (so callers
     *     skip even reading the clock)
     */
    public static long mark() {
        return CURRENT.get() == null ? 0 : System.nanoTime();
    }

    /**
     * Adds the time since {@code startNanos} to a phase of this thread's recording, if any.
     *
     * @param phase      the phase's name, e.g. {@code plan}
     * @param startNanos what {@link #mark} returned when the phase began
     */
    public static void add(String phase, long startNanos) {
        Phases phases = CURRENT.get();
        if (phases != null && startNanos != 0) {
            phases.addMicros(phase, (System.nanoTime() - startNanos) / 1_000);
        }
    }

    /**
     * @param phase  the phase's name
     * @param amount microseconds to add to it
     */
    public void addMicros(String phase, long amount) {
        micros.merge(phase, Math.max(0, amount), Long::sum);
    }

    /** @param phase the phase's name @return its microseconds so far, 0 when it was not recorded */
    public long micros(String phase) {
        return micros.getOrDefault(phase, 0L);
    }

    /** @param phase the phase's name @return whether it was recorded */
    public boolean has(String phase) {
        return micros.containsKey(phase);
    }

    /** @return every phase recorded so far and its microseconds, in the order first recorded */
    public Map<String, Long> asMap() {
        return Map.copyOf(micros);
    }

    /** @return the sum of every phase recorded so far, in microseconds */
    public long total() {
        return micros.values().stream().mapToLong(Long::longValue).sum();
    }
}
