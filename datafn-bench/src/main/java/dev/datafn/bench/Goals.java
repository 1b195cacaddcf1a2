package dev.datafn.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The performance goals DataFn is held to, each against the hand-written baseline measured in the same run:
 * {@code --only goals} runs the scenarios they need, and the report ends with one table of all of them.
 */
final class Goals {

    /** The name of the scenario group, for {@code --only}. */
    static final String GROUP = "goals";

    /** How a goal compares its runs. */
    enum Kind {
        /** DataFn's records (or requests) per second over the baseline's, at least the goal. */
        THROUGHPUT_RATIO,
        /** DataFn's p50 of the scenario over its p50 of {@code keyset-first}, at most the goal. */
        DEPTH_RATIO
    }

    /**
     * One goal.
     *
     * @param work     what is measured, in words
     * @param scenario the scenario that measures it
     * @param goal     the ratio to reach
     * @param kind     how the ratio is taken
     */
    record Goal(String work, String scenario, double goal, Kind kind) {

        /** @return the goal as the table writes it, e.g. {@code ≥ 0.9} */
        String wireGoal() {
            return (kind == Kind.DEPTH_RATIO ? "≤ " : "≥ ") + goal + (kind == Kind.DEPTH_RATIO ? "×" : "");
        }

        /** @param measured the measured ratio @return whether it meets the goal */
        boolean met(double measured) {
            return kind == Kind.DEPTH_RATIO ? measured <= goal : measured >= goal;
        }
    }

    /** Every goal, in the order the report lists them. */
    static final List<Goal> ALL = List.of(
            new Goal("one todo by id", "by-id", 0.9, Kind.THROUGHPUT_RATIO),
            new Goal("page 1 by keyset, 10 rows", "keyset-first", 0.9, Kind.THROUGHPUT_RATIO),
            new Goal("page within a project, 20 rows", "page-project", 0.9, Kind.THROUGHPUT_RATIO),
            new Goal("keyset page 10,000 vs page 1 (DataFn p50)", "keyset-deep", 1.2, Kind.DEPTH_RATIO),
            new Goal("500 inserts as one mutation array", "insert-batch", 0.8, Kind.THROUGHPUT_RATIO),
            new Goal("500 inserts as one transact", "insert-transact", 0.8, Kind.THROUGHPUT_RATIO),
            new Goal("500 inserts as one push", "push-1000", 0.8, Kind.THROUGHPUT_RATIO),
            new Goal("clone of 100k todos", "clone-100k", 0.95, Kind.THROUGHPUT_RATIO));

    /**
     * @return the scenarios the goals need ({@code keyset-deep} is compared with {@code keyset-first}), and
     *     {@code start}, whose goal (launch to first answer under 1.5 s, median of 5) has a table of its own
     */
    static Set<String> scenarios() {
        Set<String> out = new LinkedHashSet<>();
        out.add(StartScenario.NAME);
        ALL.forEach(g -> out.add(g.scenario()));
        out.add("keyset-first");
        return out;
    }

    private Goals() {
    }
}
