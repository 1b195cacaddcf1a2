package dev.datafn.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load: {@code C} clients, each on its own virtual thread, send one request, wait for
 * the whole answer, and send the next, for a warm-up and then a measured window. A request counts when
 * it completes inside the window; its latency is the time from sending to the last byte received. A
 * write counts only when its answer reports no refused item.
 * Every run ends: the window is bounded, each request has a timeout, and too many errors stop it early.
 */
final class LoadGenerator {

    /** Latencies above this are recorded as this (one minute, in microseconds). */
    private static final long MAX_LATENCY_MICROS = 60_000_000L;

    /** How both sides answer a refusal, in compact JSON as Jackson writes it. */
    private static final byte[] REFUSED = "\"ok\":false".getBytes(StandardCharsets.US_ASCII);

    /** Requests that fail before a run gives up. */
    private static final long MAX_ERRORS = 100;

    private final HttpClient client;
    private final Path profiles;

    /**
     * @param client   the HTTP client, shared by all clients of a run (its connection pool is their sockets)
     * @param profiles the directory of each measured window's CPU profile, or {@code null} for none
     */
    LoadGenerator(HttpClient client, Path profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    /**
     * Runs one side of one scenario.
     *
     * @param scenario the scenario
     * @param side     the side to load
     * @param round    the round number, for the result
     * @param warmUp   the unmeasured time first
     * @param window   the measured time
     * @return what the window saw
     * @throws InterruptedException when interrupted
     */
    RunResult run(Scenario scenario, Scenario.Side side, int round, Duration warmUp, Duration window)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureTo = measureFrom + window.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<Histogram>> clients = new ArrayList<>();
        CpuUse cpu;
        CpuProfile profile;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < scenario.concurrency(); i++) {
                // Each client draws its own reproducible sequence of questions.
                SplittableRandom random = new SplittableRandom(31L * round + i);
                int number = i;
                clients.add(threads.submit(() -> loop(scenario.requests(side), scenario.writes(), number, random,
                        measureFrom, measureTo, errors)));
            }
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            cpu = CpuUse.start();
            // Only measured windows are profiled: a warm-up's samples are mostly the JIT compiler's.
            profile = profiles == null || round == 0 ? null : CpuProfile.start(profiles.resolve(
                    "%s-%s-round%d.jfr".formatted(scenario.name(), side.name().toLowerCase(Locale.ROOT), round)));
        }
        CpuUse.Used used = cpu.stop();
        Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
        for (Future<Histogram> c : clients) {
            try {
                all.add(c.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a load client failed", e.getCause());
            }
        }
        CpuProfile.Stages stages = profile == null || all.getTotalCount() == 0 ? null
                : profile.stop(used.millisPer(CpuUse.Owner.SELF, 1), all.getTotalCount());
        return new RunResult(scenario.name(), side, round, all.getTotalCount(), scenario.records(), errors.get(),
                window, all, used, stages);
    }

    private Histogram loop(Scenario.Requests requests, boolean writes, int number, SplittableRandom random,
            long measureFrom, long measureTo, AtomicLong errors) throws InterruptedException {
        Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        while (errors.get() < MAX_ERRORS) {
            long sent = System.nanoTime();
            if (sent >= measureTo) {
                break;
            }
            HttpRequest request = requests.next(number, random);
            boolean ok;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                ok = response.statusCode() == 200 && !(writes && refused(response.body()));
            } catch (IOException e) {
                ok = false;
            }
            long received = System.nanoTime();
            if (!ok) {
                errors.incrementAndGet();
            } else if (received >= measureFrom && received < measureTo) {
                latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (received - sent) / 1000));
            }
        }
        return latencies;
    }

    /**
     * Whether a write's answer reports a refused write anywhere: batches and transactions answer 200 with
     * each item's own {@code "ok"}, so the status alone does not tell.
     */
    static boolean refused(byte[] body) {
        outer:
        for (int i = 0; i <= body.length - REFUSED.length; i++) {
            for (int k = 0; k < REFUSED.length; k++) {
                if (body[i + k] != REFUSED[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
