package dev.datafn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one measured window, summed by {@link CpuStage}. On JDK 25 and later on Linux it samples
 * CPU time ({@code jdk.CPUTimeSample}): each sample stands for the CPU time its thread used since the last, so
 * the sums are CPU time, whether the thread is a platform or a virtual one. Elsewhere it falls back to
 * execution samples ({@code jdk.ExecutionSample}), each weighed by the sampling period. Threads without Java
 * frames (the garbage collector's, the JIT compiler's) are not sampled; {@link Stages#unsampledMillis} is their
 * share of the JVM's CPU time. The recording is kept as a {@code .jfr} file to open in JDK Mission Control.
 */
final class CpuProfile {

    private static final String CPU_TIME = "jdk.CPUTimeSample";
    private static final String EXECUTION = "jdk.ExecutionSample";
    /** CPU time between two samples of one thread: about 500 samples per second per busy core. */
    private static final Duration PERIOD = Duration.ofMillis(2);

    private final Recording recording;
    private final Path file;
    private final boolean cpuTime;

    private CpuProfile(Recording recording, Path file, boolean cpuTime) {
        this.recording = recording;
        this.file = file;
        this.cpuTime = cpuTime;
    }

    /**
     * Starts recording.
     *
     * @param file where the recording is written when it stops
     * @return the running profile
     */
    static CpuProfile start(Path file) {
        boolean cpuTime = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .anyMatch(t -> t.getName().equals(CPU_TIME));
        Recording recording = new Recording();
        if (cpuTime) {
            recording.enable(CPU_TIME).with("throttle", PERIOD.toMillis() + " ms").withStackTrace();
        } else {
            recording.enable(EXECUTION).withPeriod(PERIOD).withStackTrace();
        }
        recording.setToDisk(true);
        recording.start();
        return new CpuProfile(recording, file, cpuTime);
    }

    /**
     * Stops recording, writes the file and sums its samples.
     *
     * @param jvmMillis the CPU time the whole JVM used in the window, for the share no sample saw
     * @param requests  the requests the window completed, to give each stage per request
     * @return the CPU time per request by stage
     */
    Stages stop(double jvmMillis, long requests) {
        recording.stop();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            recording.dump(file);
            recording.close();
            Map<CpuStage, Double> millis = new EnumMap<>(CpuStage.class);
            long lost = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String type = e.getEventType().getName();
                if (type.equals(CPU_TIME) || type.equals(EXECUTION)) {
                    double weight = cpuTime ? e.getDuration("samplingPeriod").toNanos() / 1e6 : PERIOD.toMillis();
                    millis.merge(CpuStage.of(e.getStackTrace()), weight, Double::sum);
                } else if (type.equals("jdk.CPUTimeSamplesLost")) {
                    lost += e.getLong("lostSamples");
                }
            }
            return new Stages(millis, jvmMillis, requests, lost, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the profile " + file, e);
        }
    }

    /**
     * One window's CPU time by stage.
     *
     * @param millis     the CPU time sampled in each stage, in milliseconds
     * @param jvmMillis  the CPU time the JVM used in the window, sampled or not
     * @param requests   the requests the window completed
     * @param lost       the samples JFR dropped (its queue was full), not in {@code millis}
     * @param file       the recording
     */
    record Stages(Map<CpuStage, Double> millis, double jvmMillis, long requests, long lost, Path file) {

        /** @param stage a stage @return its CPU time per request, in milliseconds */
        double perRequest(CpuStage stage) {
            return millis.getOrDefault(stage, 0.0) / requests;
        }

        /** @return the JVM's CPU time per request that no sample saw (GC, JIT compiler), in milliseconds */
        double unsampledMillis() {
            double sampled = millis.values().stream().mapToDouble(Double::doubleValue).sum();
            return Math.max(0, jvmMillis - sampled) / requests;
        }
    }
}
