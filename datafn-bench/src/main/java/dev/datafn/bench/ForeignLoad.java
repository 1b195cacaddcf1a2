package dev.datafn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How busy other programs kept the machine during a run: the CPU time of every process but this JVM
 * and PostgreSQL, as a share of all cores. On a small machine a test suite running beside the benchmark
 * halves its numbers; this makes such a disturbed run visible instead of silently skewing a ratio.
 *
 * <p>Reads {@code /proc} (Linux); elsewhere it reports nothing. Processes that end during the run are
 * missed, so the figure is a lower bound.
 */
final class ForeignLoad {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every common Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<Long, Long> ticksAtStart;
    private final long startNanos;

    private ForeignLoad(Map<Long, Long> ticksAtStart, long startNanos) {
        this.ticksAtStart = ticksAtStart;
        this.startNanos = startNanos;
    }

    /** @return a measurement starting now */
    static ForeignLoad start() {
        return new ForeignLoad(foreignTicks(), System.nanoTime());
    }

    /**
     * @return the share of all cores other programs used since {@link #start()}, from 0 to 1, or
     *     {@code NaN} where {@code /proc} is not available
     */
    double share() {
        if (ticksAtStart.isEmpty()) {
            return Double.NaN;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long ticks = 0;
        for (Map.Entry<Long, Long> now : foreignTicks().entrySet()) {
            // A process that started during the run spent all its time in it.
            ticks += now.getValue() - ticksAtStart.getOrDefault(now.getKey(), 0L);
        }
        return ticks / TICKS_PER_SECOND / seconds / Runtime.getRuntime().availableProcessors();
    }

    /** User plus system ticks of each process other than this JVM and PostgreSQL's. */
    private static Map<Long, Long> foreignTicks() {
        Map<Long, Long> out = new HashMap<>();
        long self = ProcessHandle.current().pid();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != self) {
                    Long ticks = ticks(p);
                    if (ticks != null) {
                        out.put(pid, ticks);
                    }
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The process's ticks, or {@code null} for PostgreSQL or a process gone meanwhile. */
    private static Long ticks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int nameEnd = stat.lastIndexOf(')');
            String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
            if (name.equals("postgres")) {
                return null;
            }
            // After the name: state, ppid, ... ; utime and stime are fields 14 and 15 of the whole line.
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
