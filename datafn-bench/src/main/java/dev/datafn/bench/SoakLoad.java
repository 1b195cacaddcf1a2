package dev.datafn.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's HTTP load: streams of requests, each sent at a fixed pace by one virtual thread, so the load is
 * steady rather than as fast as the machine goes. A stream whose request takes longer than its interval sends
 * the next at once and drops what it fell behind by, rather than catching up in a burst. Every answer is
 * checked: a status other than 200, an I/O error, a write refused in its body ({@link LoadGenerator#refused}),
 * or a clone whose stream ends before its last byte counts as an error of its kind.
 */
final class SoakLoad implements AutoCloseable {

    /** The kinds of request the soak counts apart. */
    enum Kind {
        /** DFQL queries and searches. */
        QUERY,
        /** Mutations and transacts. */
        WRITE,
        /** Pulls of a change log. */
        PULL,
        /** Streamed clones. */
        CLONE
    }

    /**
     * One stream of requests.
     *
     * @param name      what it sends, for the report
     * @param kind      what it counts as
     * @param perSecond its pace
     * @param requests  builds each request (the client number is the stream's)
     */
    record Stream(String name, Kind kind, double perSecond, Scenario.Requests requests) {
    }

    /**
     * The requests answered and failed of each kind so far.
     *
     * @param done   requests answered correctly, by kind
     * @param errors requests that failed, by kind
     */
    record Counts(Map<Kind, Long> done, Map<Kind, Long> errors) {

        /** @param earlier counts taken before @return the requests between the two */
        Counts since(Counts earlier) {
            Map<Kind, Long> d = new EnumMap<>(Kind.class);
            Map<Kind, Long> e = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                d.put(k, done.get(k) - earlier.done.get(k));
                e.put(k, errors.get(k) - earlier.errors.get(k));
            }
            return new Counts(d, e);
        }

        /** @return the failed requests of every kind */
        long allErrors() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Errors described in full, for the report; the others are only counted. */
    private static final int DESCRIBED_ERRORS = 10;

    private final HttpClient client;
    private final Map<Kind, LongAdder> done = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> errors = new EnumMap<>(Kind.class);
    private final List<String> described = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    /**
     * Starts the streams.
     *
     * @param client  the HTTP client all streams share
     * @param streams the streams
     */
    SoakLoad(HttpClient client, List<Stream> streams) {
        this.client = client;
        for (Kind k : Kind.values()) {
            done.put(k, new LongAdder());
            errors.put(k, new LongAdder());
        }
        for (int i = 0; i < streams.size(); i++) {
            Stream s = streams.get(i);
            int number = i;
            threads.submit(() -> pace(s, number));
        }
    }

    /** @return the counts so far */
    Counts counts() {
        Map<Kind, Long> d = new EnumMap<>(Kind.class);
        Map<Kind, Long> e = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            d.put(k, done.get(k).sum());
            e.put(k, errors.get(k).sum());
        }
        return new Counts(d, e);
    }

    /** @return the first errors, each with its stream and what went wrong */
    List<String> describedErrors() {
        synchronized (described) {
            return List.copyOf(described);
        }
    }

    private void pace(Stream stream, int number) {
        SplittableRandom random = new SplittableRandom(7919L * number);
        long interval = (long) (1e9 / stream.perSecond());
        // Streams start spread over their interval, so the slow ones (clones) do not all start together.
        long next = System.nanoTime() + random.nextLong(interval);
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (wait < -interval) {
                next = System.nanoTime();
            }
            next += interval;
            send(stream, stream.requests().next(number, random));
        }
    }

    private void send(Stream stream, HttpRequest request) {
        String failure;
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            failure = failure(stream.kind(), response);
        } catch (IOException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failure == null) {
            done.get(stream.kind()).increment();
            return;
        }
        errors.get(stream.kind()).increment();
        synchronized (described) {
            if (described.size() < DESCRIBED_ERRORS) {
                described.add(stream.name() + ": " + failure);
            }
        }
    }

    /** @return what is wrong with an answer, or {@code null} when it is right */
    private static String failure(Kind kind, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            return "status " + response.statusCode() + ": "
                    + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
        if (kind == Kind.WRITE && LoadGenerator.refused(body)) {
            return "refused: " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
        if (kind == Kind.CLONE && !endsAnObject(body)) {
            return "the streamed clone ended before its last byte (" + body.length + " bytes)";
        }
        return null;
    }

    /** Whether a JSON answer ends with the brace that closes it (a broken stream ends elsewhere). */
    private static boolean endsAnObject(byte[] body) {
        for (int i = body.length - 1; i >= 0; i--) {
            if (!Character.isWhitespace(body[i])) {
                return body[i] == '}';
            }
        }
        return false;
    }

    /** Stops the streams and waits (bounded) for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.shutdown();
        if (!threads.awaitTermination(90, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
