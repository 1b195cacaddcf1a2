package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The startup line's shape, which {@code datafn-bench --only start} reads phase by phase. */
class StartupTimesTest {

    @Test
    void theLineNamesEveryPhaseInOrderAndTheirSum() {
        StartupTimes times = new StartupTimes(List.of(new StartupTimes.Phase("jvm", 120),
                new StartupTimes.Phase("engine", 900), new StartupTimes.Phase("server", 30)));

        assertThat(times.line()).isEqualTo("started in 1050 ms (jvm=120ms engine=900ms server=30ms)");
    }

    @Test
    void theStopwatchStartsWithTheJvmAndLapsEachStepOnce() {
        StartupTimes.Stopwatch stopwatch = new StartupTimes.Stopwatch();
        stopwatch.lap("configuration");
        stopwatch.lap("engine");

        assertThat(stopwatch.times().phases()).extracting(StartupTimes.Phase::name)
                .containsExactly("jvm", "configuration", "engine");
        assertThat(stopwatch.times().phases()).allSatisfy(p -> assertThat(p.millis()).isNotNegative());
    }
}
