package dev.datafn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went during a run: this JVM (both servers and the load generator),
 * PostgreSQL (all its processes), and every other program. On a small machine a test suite running
 * beside the benchmark halves its numbers; the share of other programs makes such a disturbed run
 * visible instead of silently skewing a ratio. The JVM's and PostgreSQL's CPU time per request show
 * where one side spends more than the other.
 *
 * <p>Reads {@code /proc} (Linux); elsewhere it reports nothing. Processes that end during the run are
 * missed, so the figures are lower bounds.
 */
final class CpuUse {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every common Linux. */
    private static final double TICKS_PER_SECOND = 100;

    /** Whose CPU time. */
    enum Owner {
        /** This JVM. */
        SELF,
        /** PostgreSQL's processes. */
        DATABASE,
        /** Everything else. */
        OTHERS
    }

    /**
     * The CPU time of a finished measurement.
     *
     * @param seconds CPU seconds by owner
     * @param wall    the wall-clock seconds measured
     */
    record Used(Map<Owner, Double> seconds, double wall) {

        /** Nothing measured (no {@code /proc}). */
        static final Used NONE = new Used(Map.of(), Double.NaN);

        /** @return the share of all cores other programs used, from 0 to 1, or {@code NaN} */
        double othersShare() {
            return seconds.getOrDefault(Owner.OTHERS, Double.NaN) / wall / Runtime.getRuntime().availableProcessors();
        }

        /** @param owner whose @param requests the requests served @return CPU milliseconds per request, or NaN */
        double millisPer(Owner owner, long requests) {
            return requests == 0 ? Double.NaN : seconds.getOrDefault(owner, Double.NaN) * 1000 / requests;
        }
    }

    private final Map<Long, Tick> atStart;
    private final long startNanos;

    private CpuUse(Map<Long, Tick> atStart, long startNanos) {
        this.atStart = atStart;
        this.startNanos = startNanos;
    }

    /** @return a measurement starting now */
    static CpuUse start() {
        return new CpuUse(ticks(), System.nanoTime());
    }

    /** @return the CPU time used since {@link #start()} */
    Used stop() {
        if (atStart.isEmpty()) {
            return Used.NONE;
        }
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<Owner, Double> seconds = new EnumMap<>(Owner.class);
        for (Owner o : Owner.values()) {
            seconds.put(o, 0.0);
        }
        for (Map.Entry<Long, Tick> now : ticks().entrySet()) {
            // A process that started during the run spent all its time in it.
            Tick before = atStart.get(now.getKey());
            long spent = now.getValue().ticks() - (before == null ? 0 : before.ticks());
            seconds.merge(now.getValue().owner(), spent / TICKS_PER_SECOND, Double::sum);
        }
        return new Used(seconds, wall);
    }

    /** One process's owner and user plus system ticks. */
    private record Tick(Owner owner, long ticks) {
    }

    private static Map<Long, Tick> ticks() {
        Map<Long, Tick> out = new HashMap<>();
        long self = ProcessHandle.current().pid();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                Tick tick = tick(p, pid == self);
                if (tick != null) {
                    out.put(pid, tick);
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The process's ticks, or {@code null} for a process gone meanwhile. */
    private static Tick tick(Path process, boolean self) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int nameEnd = stat.lastIndexOf(')');
            String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
            // After the name: state, ppid, ... ; utime and stime are fields 14 and 15 of the whole line.
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            Owner owner = self ? Owner.SELF : name.equals("postgres") ? Owner.DATABASE : Owner.OTHERS;
            return new Tick(owner, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
