package dev.datafn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak stayed flat: for each reading, the highest value of the warm-up minutes is its level, and
 * every later minute must stay within that level plus a margin (a share of it and a fixed amount, so small
 * counts such as threads may move by a few). A leak grows without bound, so over a long enough run it
 * leaves any fixed margin behind; a cache or a pool that fills up does so within the warm-up. A soak with a
 * failed request or socket is not flat either: every request of the load is one that should succeed.
 */
final class SoakVerdict {

    /**
     * A reading that must stay flat.
     *
     * @param name     what it is, for the report
     * @param unit     its unit, for the report
     * @param value    reads it from a sample
     * @param share    the margin as a share of the warm-up level
     * @param absolute the margin as an amount
     */
    record Metric(String name, String unit, ToDoubleFunction<SoakSample> value, double share, double absolute) {

        /** @param level the warm-up level @return the highest value allowed after the warm-up */
        double limit(double level) {
            return level * (1 + share) + absolute;
        }

        /** @return the margin, as the report states it */
        String margin() {
            return (share > 0 ? "%.0f%% + ".formatted(share * 100) : "+ ") + (absolute == Math.rint(absolute)
                    ? "%.0f".formatted(absolute) : "%.1f".formatted(absolute)) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /** The readings the verdict checks, with their margins. */
    static final List<Metric> METRICS = List.of(
            new Metric("heap after GC", "MB", SoakSample::heapMb, 0.15, 8),
            new Metric("live threads", "", SoakSample::threads, 0.10, 4),
            new Metric("file descriptors", "", SoakSample::fileDescriptors, 0.10, 16),
            // Connections lent out when the minute ends: the requests in flight then, a few at this pace.
            new Metric("pool connections active", "", s -> s.pool().active(), 0, 4),
            new Metric("pool connections open", "", s -> s.pool().total(), 0, 0),
            new Metric("PostgreSQL backends", "", SoakSample::pgBackends, 0, 2),
            new Metric("WebSockets on the server", "", SoakSample::serverSockets, 0, 0));

    /**
     * One metric's outcome.
     *
     * @param metric   the metric
     * @param level    its warm-up level
     * @param limit    the highest value allowed after the warm-up
     * @param highest  the highest value after the warm-up
     * @param atMinute the minute of that value
     * @param slope    the least-squares growth per minute after the warm-up
     */
    record Check(Metric metric, double level, double limit, double highest, int atMinute, double slope) {

        /** @return whether the metric stayed within its limit */
        boolean flat() {
            return highest <= limit;
        }

        @Override
        public String toString() {
            return "%-25s warm-up level %9.1f, after it at most %9.1f (minute %d; limit %.1f: %s), trend %+.2f%s/min: %s"
                    .formatted(metric.name(), level, highest, atMinute, limit, metric.margin(), slope,
                            metric.unit().isEmpty() ? "" : " " + metric.unit(), flat() ? "flat" : "GROWS");
        }
    }

    private final List<Check> checks;
    private final long errors;
    private final int warmUpMinutes;

    /**
     * @param samples       the samples of minutes 1 to N, in order (a minute-0 sample is left out)
     * @param warmUpMinutes the first minutes, whose highest values are the levels
     */
    SoakVerdict(List<SoakSample> samples, int warmUpMinutes) {
        List<SoakSample> minutes = samples.stream().filter(s -> s.minute() > 0).toList();
        if (minutes.size() <= warmUpMinutes) {
            throw new IllegalArgumentException("a verdict needs a minute after the " + warmUpMinutes + " of warm-up");
        }
        this.warmUpMinutes = warmUpMinutes;
        List<SoakSample> warmUp = minutes.subList(0, warmUpMinutes);
        List<SoakSample> after = minutes.subList(warmUpMinutes, minutes.size());
        List<Check> all = new ArrayList<>();
        for (Metric m : METRICS) {
            if (m.name().equals("PostgreSQL backends") && minutes.getFirst().pgBackends() < 0) {
                continue;
            }
            double level = warmUp.stream().mapToDouble(m.value()).max().orElseThrow();
            SoakSample top = after.stream().max((a, b) -> Double.compare(m.value().applyAsDouble(a),
                    m.value().applyAsDouble(b))).orElseThrow();
            all.add(new Check(m, level, m.limit(level), m.value().applyAsDouble(top), top.minute(), slope(after, m)));
        }
        this.checks = List.copyOf(all);
        this.errors = minutes.stream().mapToLong(SoakSample::errors).sum();
    }

    /** @return whether every metric stayed flat and nothing failed */
    boolean flat() {
        return errors == 0 && checks.stream().allMatch(Check::flat);
    }

    /** @return the checks, one a line, and the verdict */
    String describe() {
        StringBuilder out = new StringBuilder("Verdict (warm-up: minutes 1–%d; each later minute within the warm-up's"
                .formatted(warmUpMinutes) + " highest value plus the margin):\n");
        checks.forEach(c -> out.append("  ").append(c).append('\n'));
        out.append("  %-25s %d%n".formatted("failed requests and sockets", errors));
        out.append(flat() ? "FLAT" : "NOT FLAT");
        return out.toString();
    }

    /** The least-squares slope of a metric over the minutes, per minute. */
    private static double slope(List<SoakSample> samples, Metric m) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(SoakSample::minute).average().orElseThrow();
        double meanY = samples.stream().mapToDouble(m.value()).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (SoakSample s : samples) {
            double dx = s.minute() - meanX;
            num += dx * (m.value().applyAsDouble(s) - meanY);
            den += dx * dx;
        }
        return num / den;
    }
}
