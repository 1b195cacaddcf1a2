package dev.datafn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The most heap in use while some work runs, sampled every millisecond on a thread of its own. The
 * benchmark's JVM holds both servers and the load generator, so the figure includes the client's copy
 * of the answer; compare the sides, not the absolute value.
 */
final class HeapPeak implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final long before;
    private volatile boolean running = true;
    private volatile long peak;

    /** Collects garbage, then starts sampling. */
    HeapPeak() {
        System.gc();
        before = used();
        peak = before;
        sampler = Thread.ofPlatform().daemon().name("heap-peak").start(() -> {
            while (running) {
                peak = Math.max(peak, used());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Stops sampling. */
    @Override
    public void close() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return what the samples saw, for the report */
    String describe() {
        return "heap in use: %,d MB after a GC before the run, at most %,d MB during it"
                .formatted(before >> 20, peak >> 20);
    }
}
