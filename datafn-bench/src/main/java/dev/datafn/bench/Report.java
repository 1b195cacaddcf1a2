package dev.datafn.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Summarizes the runs as Markdown tables, one for the reads and one for the writes: per scenario and side
 * the best run (the round with the most requests per second, the one least disturbed by the machine),
 * with its p50 and p99, and the ratio DataFn / baseline of the throughputs (records per second for the
 * writes, where a batch request writes many). The paging scenarios are also compared with each other.
 */
final class Report {

    /** The share of the cores other programs may use before a run counts as disturbed. */
    private static final double DISTURBED = 0.10;

    /** Marks a disturbed run's rate in the tables. */
    private static final String DISTURBED_MARK = "†";

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

    /** @return the Markdown summary: a table of the reads and one of the writes, each when measured */
    String markdown() {
        StringBuilder out = new StringBuilder();
        List<Scenario> reads = scenarios.values().stream().filter(s -> !s.writes()).toList();
        List<Scenario> writes = scenarios.values().stream().filter(Scenario::writes).toList();
        if (!reads.isEmpty()) {
            out.append("| scenario | clients | DataFn req/s | baseline req/s | DataFn / baseline "
                    + "| DataFn p50 | baseline p50 | DataFn p99 | baseline p99 |\n");
            out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            reads.forEach(s -> row(out, s));
            for (Scenario.Side side : Scenario.Side.values()) {
                paging(out, side, "keyset-deep");
                paging(out, side, "offset-deep");
            }
            out.append("\n\n");
        }
        if (!writes.isEmpty()) {
            out.append("| scenario | writers | DataFn records/s | baseline records/s | DataFn / baseline "
                    + "| DataFn p50 | baseline p50 | DataFn p99 | baseline p99 |\n");
            out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            writes.forEach(s -> row(out, s));
            for (Scenario s : writes) {
                batchTime(out, s);
                indexingCost(out, s);
            }
            out.append("\n\n");
        }
        goals(out);
        scenarios.keySet().forEach(name -> profile(out, name));
        double busiest = scenarios.keySet().stream()
                .flatMap(s -> Stream.of(best(s, Scenario.Side.DATAFN), best(s, Scenario.Side.BASELINE)))
                .flatMap(Optional::stream)
                .mapToDouble(RunResult::others)
                .max().orElse(Double.NaN);
        out.append("Other programs used at most %.0f%% of the cores during the runs above".formatted(busiest * 100));
        out.append(busiest > DISTURBED ? "; %s marks a run during which they used more than %.0f%%.\n"
                .formatted(DISTURBED_MARK, DISTURBED * 100) : ".\n");
        return out.toString();
    }

    /** One scenario's line: the best run of each side, compared by records (requests of a read) per second. */
    private void row(StringBuilder out, Scenario s) {
        Optional<RunResult> d = best(s.name(), Scenario.Side.DATAFN);
        Optional<RunResult> b = best(s.name(), Scenario.Side.BASELINE);
        if (d.isEmpty() || b.isEmpty()) {
            return;
        }
        out.append("| `%s` %s | %d | %s | %s | **%.2f** | %s | %s | %s | %s |\n".formatted(s.name(), s.title(),
                s.concurrency(), perSecond(d.get()), perSecond(b.get()),
                d.get().recordRate() / b.get().recordRate(), ms(d.get().p50Millis()), ms(b.get().p50Millis()),
                ms(d.get().p99Millis()), ms(b.get().p99Millis())));
    }

    /** For a batch scenario: how long 10,000 records take at each side's best rate. */
    private void batchTime(StringBuilder out, Scenario s) {
        Optional<RunResult> d = best(s.name(), Scenario.Side.DATAFN);
        Optional<RunResult> b = best(s.name(), Scenario.Side.BASELINE);
        if (s.records() > 1 && d.isPresent() && b.isPresent()) {
            out.append(("\n`%s`: 10,000 records in %.2f s through DataFn, %.2f s through the baseline"
                    + " (%d requests of %d).").formatted(s.name(), 10_000 / d.get().recordRate(),
                    10_000 / b.get().recordRate(), Math.ceilDiv(10_000, s.records()), s.records()));
        }
    }

    /** For an indexing scenario, whose baseline is DataFn without its search index: the cost of the index. */
    private void indexingCost(StringBuilder out, Scenario s) {
        Optional<RunResult> on = best(s.name(), Scenario.Side.DATAFN);
        Optional<RunResult> off = best(s.name(), Scenario.Side.BASELINE);
        if (SearchScenarios.WRITES.contains(s.name()) && on.isPresent() && off.isPresent()) {
            out.append(("\n`%s`: with its search index DataFn writes %.2f× the records per second it writes without"
                    + " (goal ≥ 0.8×).").formatted(s.name(), on.get().recordRate() / off.get().recordRate()));
        }
    }

    /** The goals whose scenarios ran, each with its measured ratio: DataFn against the baseline of the same run. */
    private void goals(StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (Goals.Goal goal : Goals.ALL) {
            Optional<RunResult> d = best(goal.scenario(), Scenario.Side.DATAFN);
            Optional<RunResult> other = goal.kind() == Goals.Kind.DEPTH_RATIO
                    ? best("keyset-first", Scenario.Side.DATAFN) : best(goal.scenario(), Scenario.Side.BASELINE);
            if (d.isEmpty() || other.isEmpty()) {
                continue;
            }
            double measured = goal.kind() == Goals.Kind.DEPTH_RATIO
                    ? d.get().p50Millis() / other.get().p50Millis()
                    : d.get().recordRate() / other.get().recordRate();
            rows.append("| %s | `%s` | **%.2f%s** | %s | %s |\n".formatted(goal.work(), goal.scenario(), measured,
                    goal.kind() == Goals.Kind.DEPTH_RATIO ? "×" : "", goal.wireGoal(),
                    goal.met(measured) ? "met" : "not met"));
        }
        if (!rows.isEmpty()) {
            out.append("| goal | scenario | DataFn / baseline | goal | |\n|---|---|--:|--:|---|\n").append(rows)
                    .append("\n\n");
        }
    }

    /**
     * Where each side's CPU time per request went, from the profiles of their best runs ({@code --profile}),
     * the stages in the order of the difference, largest first.
     */
    private void profile(StringBuilder out, String scenario) {
        Optional<RunResult> d = best(scenario, Scenario.Side.DATAFN);
        Optional<RunResult> b = best(scenario, Scenario.Side.BASELINE);
        if (d.isEmpty() || b.isEmpty() || d.get().stages() == null || b.get().stages() == null) {
            return;
        }
        CpuProfile.Stages ds = d.get().stages();
        CpuProfile.Stages bs = b.get().stages();
        out.append("`%s`, CPU time per request by stage, ms (JFR: %s, %s):%n%n".formatted(scenario,
                ds.file().getFileName(), bs.file().getFileName()));
        out.append("| stage | DataFn | baseline | difference |\n|---|--:|--:|--:|\n");
        java.util.Arrays.stream(CpuStage.values())
                .sorted(Comparator.comparingDouble((CpuStage st) -> bs.perRequest(st) - ds.perRequest(st)))
                .filter(st -> ds.perRequest(st) > 0 || bs.perRequest(st) > 0)
                .forEach(st -> stageRow(out, st.label(), ds.perRequest(st), bs.perRequest(st)));
        stageRow(out, "JVM, not sampled: GC, JIT compiler", ds.unsampledMillis(), bs.unsampledMillis());
        stageRow(out, "PostgreSQL's processes", d.get().cpu().millisPer(CpuUse.Owner.DATABASE, d.get().requests()),
                b.get().cpu().millisPer(CpuUse.Owner.DATABASE, b.get().requests()));
        double dTotal = d.get().cpu().millisPer(CpuUse.Owner.SELF, d.get().requests())
                + d.get().cpu().millisPer(CpuUse.Owner.DATABASE, d.get().requests());
        double bTotal = b.get().cpu().millisPer(CpuUse.Owner.SELF, b.get().requests())
                + b.get().cpu().millisPer(CpuUse.Owner.DATABASE, b.get().requests());
        stageRow(out, "**all**", dTotal, bTotal);
        if (ds.lost() + bs.lost() > 0) {
            out.append("%nJFR dropped %,d of DataFn's samples and %,d of the baseline's; they count as not sampled.%n"
                    .formatted(ds.lost(), bs.lost()));
        }
        out.append("\n\n");
    }

    private static void stageRow(StringBuilder out, String label, double datafn, double baseline) {
        out.append("| %s | %.3f | %.3f | %+.3f |%n".formatted(label, datafn, baseline, datafn - baseline));
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

    /** A run's rate, marked when other programs disturbed it. */
    private static String perSecond(RunResult run) {
        return perSecond(run.recordRate()) + (run.others() > DISTURBED ? DISTURBED_MARK : "");
    }

    private static String ms(double millis) {
        return millis < 10 ? "%.2f ms".formatted(millis) : "%.1f ms".formatted(millis);
    }
}
