package dev.datafn.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Summarizes the runs as a Markdown table: per scenario and side the best run (the round with the most
 * requests per second, the one least disturbed by the machine), with its p50 and p99, and the ratio
 * DataFn / baseline of the throughputs. The paging scenarios are also compared with each other.
 */
final class Report {

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final List<RunResult> runs = new ArrayList<>();

    /** @param scenario a scenario measured */
    void add(Scenario scenario) {
        scenarios.put(scenario.name(), scenario);
    }

    /** @param run one run's result */
    void add(RunResult run) {
        runs.add(run);
    }

    /** @return the Markdown summary */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | clients | DataFn req/s | baseline req/s | DataFn / baseline "
                + "| DataFn p50 | baseline p50 | DataFn p99 | baseline p99 |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Scenario s : scenarios.values()) {
            Optional<RunResult> d = best(s.name(), Scenario.Side.DATAFN);
            Optional<RunResult> b = best(s.name(), Scenario.Side.BASELINE);
            if (d.isEmpty() || b.isEmpty()) {
                continue;
            }
            out.append("| `%s` %s | %d | %s | %s | **%.2f** | %s | %s | %s | %s |\n".formatted(s.name(), s.title(),
                    s.concurrency(), perSecond(d.get().throughput()), perSecond(b.get().throughput()),
                    d.get().throughput() / b.get().throughput(), ms(d.get().p50Millis()), ms(b.get().p50Millis()),
                    ms(d.get().p99Millis()), ms(b.get().p99Millis())));
        }
        for (Scenario.Side side : Scenario.Side.values()) {
            paging(out, side, "keyset-deep");
            paging(out, side, "offset-deep");
        }
        double busiest = scenarios.keySet().stream()
                .flatMap(s -> Stream.of(best(s, Scenario.Side.DATAFN), best(s, Scenario.Side.BASELINE)))
                .flatMap(Optional::stream)
                .mapToDouble(RunResult::others)
                .max().orElse(Double.NaN);
        out.append("\n\nOther programs used at most %.0f%% of the cores during the runs above.\n".formatted(busiest * 100));
        return out.toString();
    }

    private void paging(StringBuilder out, Scenario.Side side, String deep) {
        Optional<RunResult> first = best("keyset-first", side);
        Optional<RunResult> page = best(deep, side);
        if (first.isPresent() && page.isPresent()) {
            out.append("\n%s, `%s` against `keyset-first`: p50 %s against %s (%.2f×), throughput %.2f× of page 1."
                    .formatted(side.label(), deep, ms(page.get().p50Millis()), ms(first.get().p50Millis()),
                            page.get().p50Millis() / first.get().p50Millis(),
                            page.get().throughput() / first.get().throughput()));
        }
    }

    private Optional<RunResult> best(String scenario, Scenario.Side side) {
        return runs.stream()
                .filter(r -> r.scenario().equals(scenario) && r.side() == side && r.errors() == 0)
                .max(Comparator.comparingDouble(RunResult::throughput));
    }

    private static String perSecond(double rate) {
        return rate < 100 ? "%.1f".formatted(rate) : "%,.0f".formatted(rate);
    }

    private static String ms(double millis) {
        return millis < 10 ? "%.2f ms".formatted(millis) : "%.1f ms".formatted(millis);
    }
}
