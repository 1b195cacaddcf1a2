package dev.datafn.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The measured window of one run: one side of one scenario under a closed-loop load.
 *
 * @param scenario  the scenario name
 * @param side      the side
 * @param round     the round, from 1; 0 for the warm-up round
 * @param requests  the requests that completed inside the window
 * @param records   the records each request writes; 0 for a read
 * @param errors    the requests that failed (any status but 200, or an I/O error) in the whole run
 * @param window    the length of the window
 * @param latencies the latency of each completed request, in microseconds
 * @param cpu       the CPU time this JVM, PostgreSQL and other programs used meanwhile
 * @param stages    where the JVM's CPU time went, when the run was profiled ({@code --profile}); else {@code null}
 */
record RunResult(String scenario, Scenario.Side side, int round, long requests, int records, long errors,
        Duration window, Histogram latencies, CpuUse.Used cpu, CpuProfile.Stages stages) {

    /** @return completed requests per second */
    double throughput() {
        return requests / (window.toNanos() / 1e9);
    }

    /** @return records written per second (requests per second for a read) */
    double recordRate() {
        return throughput() * Math.max(1, records);
    }

    /** @return the share of the machine's cores other programs used during the run, from 0 to 1 */
    double others() {
        return cpu.othersShare();
    }

    /** @return the median latency in milliseconds */
    double p50Millis() {
        return latencies.getValueAtPercentile(50) / 1000.0;
    }

    /** @return the 99th percentile latency in milliseconds */
    double p99Millis() {
        return latencies.getValueAtPercentile(99) / 1000.0;
    }

    @Override
    public String toString() {
        String rate = records > 1 ? "  %,9.0f records/s".formatted(recordRate()) : "";
        return ("%-15s %-8s %-7s: %,9.1f req/s%s  p50 %7.2f ms  p99 %7.2f ms  (%,d requests, %d errors;"
                + " CPU per request: JVM %.2f ms, PostgreSQL %.2f ms; other programs %.0f%% of the cores)")
                .formatted(scenario, side.label(), round == 0 ? "warm-up" : "round " + round, throughput(), rate,
                        p50Millis(), p99Millis(), requests, errors, cpu.millisPer(CpuUse.Owner.SELF, requests),
                        cpu.millisPer(CpuUse.Owner.DATABASE, requests), others() * 100);
    }
}
