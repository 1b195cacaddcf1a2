package dev.datafn.example.todo;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How long each step of the example's start took, in order, from the process's start to serving: logged once
 * the server listens, as {@code started in 2140 ms (jvm=180ms configuration=95ms ...)}, the line
 * {@code datafn-bench --only start} reads.
 *
 * @param phases the steps, in the order they ran
 */
record StartupTimes(List<Phase> phases) {

    /**
     * One step of the start.
     *
     * @param name   what ran, one word
     * @param millis how long it took
     */
    record Phase(String name, long millis) {
    }

    /** @param phases the steps, in the order they ran */
    StartupTimes {
        phases = List.copyOf(phases);
    }

    /** @return the whole start: the sum of the steps */
    long totalMillis() {
        return phases.stream().mapToLong(Phase::millis).sum();
    }

    /** @return {@code started in <total> ms (<name>=<millis>ms ...)} */
    String line() {
        return "started in " + totalMillis() + " ms ("
                + phases.stream().map(p -> p.name() + "=" + p.millis() + "ms").collect(Collectors.joining(" ")) + ")";
    }

    /**
     * Times the steps one after the other: each {@link #lap} ends the step running since the previous one.
     * The first step, {@code jvm}, runs from the JVM's start to the stopwatch's creation at the top of
     * {@code main}: the JVM's own start and the loading of the first classes. (The JVM's uptime, not the
     * operating system's process start time, which Linux gives to the second.)
     */
    static final class Stopwatch {

        private final List<Phase> phases = new ArrayList<>();
        private long last = System.nanoTime();

        /** Starts timing at the top of {@code main}. */
        Stopwatch() {
            phases.add(new Phase("jvm", ManagementFactory.getRuntimeMXBean().getUptime()));
        }

        /**
         * Ends a step.
         *
         * @param name the step that ended now
         */
        void lap(String name) {
            long now = System.nanoTime();
            phases.add(new Phase(name, (now - last) / 1_000_000));
            last = now;
        }

        /** @return the steps timed so far */
        StartupTimes times() {
            return new StartupTimes(phases);
        }
    }
}
