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
 * @param errors    the requests that failed (any status but 200, or an I/O error) in the whole run
 * @param window    the length of the window
 * @param latencies the latency of each completed request, in microseconds
 * @param others    the share of the machine's cores other programs used meanwhile (see {@link ForeignLoad})
 */
record RunResult(String scenario, Scenario.Side side, int round, long requests, long errors, Duration window,
        Histogram latencies, double others) {

    /** @return completed requests per second */
    double throughput() {
        return requests / (window.toNanos() / 1e9);
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
        return "%-13s %-8s %-7s: %,9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  (%,d requests, %d errors, other programs %.0f%%)"
                .formatted(scenario, side.label(), round == 0 ? "warm-up" : "round " + round, throughput(), p50Millis(),
                        p99Millis(), requests, errors, others * 100);
    }
}
