package dev.datafn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code start} scenario: how long the example takes from its process's launch to its first answer. It starts
 * {@code java -jar example-todo/target/example-todo.jar} as a child process {@value #STARTS} times, as the README's
 * first command does (embedded H2 under the working directory), and measures the wall time from the launch to the
 * first {@code 200} answer of {@code POST /datafn/query}, polled every few milliseconds; then stops it with SIGTERM.
 * It does so on an empty working directory (the first start ever: tables created, index built) and again on a
 * directory an earlier start filled (a restart: tables checked and kept, the index on disk reopened), each plain
 * and, when the build made one, with the JVM's ahead-of-time cache ({@code -XX:AOTCache}). Each start's phases are
 * read from the example's {@code started in} log line; the first answer is the rest of the launch-to-answer time.
 */
final class StartScenario {

    /** The scenario's name for {@code --only}. */
    static final String NAME = "start";

    /** Starts per kind, of which the median, the fastest and the slowest are reported. */
    static final int STARTS = 5;

    /** The example jar, relative to the repository, where {@code ./mvnw package} puts it. */
    static final Path DEFAULT_JAR = Path.of("example-todo/target/example-todo.jar");

    /** The bearer tokens' secret, given to the example so that an empty directory stays empty until it starts. */
    private static final String SECRET = "datafn-bench-start-secret-0123456789abcdef";

    private static final Pattern PHASE = Pattern.compile("(\\w+)=(\\d+)ms");
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String QUERY = "{\"resource\":\"todos\",\"version\":1,\"limit\":10}";
    private static final String INSERT = """
            {"resource":"todos","version":1,"operation":"insert","clientId":"bench","mutationId":"m%d",
             "record":{"title":"Start of day %d"}}""";

    /** A kind of start: with or without the JVM flags, on an empty or a filled directory. */
    private record Kind(String flags, List<String> jvmOptions, boolean restart) {

        String label() {
            return flags + (restart ? ", restart" : ", empty dir");
        }
    }

    /**
     * One measured start.
     *
     * @param toAnswerMillis from the launch to the first 200 answer
     * @param cpuMillis      the CPU time the process had used by then, all its threads
     * @param phases         the example's own phases, then {@code answer}: the rest of the launch-to-answer time
     */
    private record Start(long toAnswerMillis, long cpuMillis, Map<String, Long> phases) {
    }

    private final Path jar;
    private final Path aotCache;
    private final String java;
    private final HttpClient client;

    /**
     * @param jar    the example jar
     * @param client the HTTP client the polls go through
     */
    StartScenario(Path jar, HttpClient client) {
        this.jar = jar.toAbsolutePath().normalize();
        this.aotCache = this.jar.resolveSibling(this.jar.getFileName().toString().replaceFirst("\\.jar$", ".aot"));
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.client = client;
    }

    /**
     * Measures every kind of start and prints each start, then a Markdown table of the medians.
     *
     * @throws Exception when the example cannot be started or never answers
     */
    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q package -DskipTests");
        }
        String token = token();
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("plain", List.of(), false));
        kinds.add(new Kind("plain", List.of(), true));
        if (Files.isRegularFile(aotCache)) {
            List<String> aot = List.of("-XX:AOTCache=" + aotCache);
            kinds.add(new Kind("AOT cache", aot, false));
            kinds.add(new Kind("AOT cache", aot, true));
        } else {
            System.out.println("start         no " + aotCache + " (made by package on JDK 25 and later): plain starts only");
        }
        System.out.printf("start         %s, %d starts of each kind, %d cores%n", jar, STARTS,
                Runtime.getRuntime().availableProcessors());
        Map<Kind, List<Start>> results = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            Path filled = kind.restart() ? filledDirectory(kind, token) : null;
            List<Start> starts = new ArrayList<>();
            for (int i = 1; i <= STARTS; i++) {
                Path directory = filled != null ? filled : Files.createTempDirectory("datafn-start");
                try {
                    Start start = startOnce(kind, directory, token, 0);
                    starts.add(start);
                    System.out.printf("start         %-24s #%d %,6d ms to the first answer (CPU %,d ms) %s%n",
                            kind.label(), i, start.toAnswerMillis(), start.cpuMillis(), start.phases());
                } finally {
                    if (filled == null) {
                        delete(directory);
                    }
                }
            }
            if (filled != null) {
                delete(filled);
            }
            results.put(kind, starts);
        }
        System.out.println();
        System.out.println("Launch to first answer, " + STARTS + " starts of each kind (phases: medians, ms):");
        System.out.println();
        System.out.println(markdown(results));
    }

    /** A directory that an unmeasured start filled: tables created, a todo written and indexed, then stopped. */
    private Path filledDirectory(Kind kind, String token) throws Exception {
        Path directory = Files.createTempDirectory("datafn-start");
        startOnce(kind, directory, token, 3);
        return directory;
    }

    /**
     * Starts the example in {@code directory}, waits for its first answer, writes {@code inserts} todos, stops it
     * with SIGTERM and reads its phases.
     */
    private Start startOnce(Kind kind, Path directory, String token, int inserts) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(kind.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().put("DATAFN_JWT_SECRET", SECRET);
        URI base = URI.create("http://127.0.0.1:" + port + "/datafn/");
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            awaitFirstAnswer(process, base, token, launched, directory);
            long toAnswer = (System.nanoTime() - launched) / 1_000_000;
            long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            for (int i = 0; i < inserts; i++) {
                HttpResponse<String> inserted = post(base.resolve("mutation"), token, INSERT.formatted(i, i));
                if (inserted.statusCode() != 200) {
                    throw new IllegalStateException("insert answered " + inserted.statusCode() + ": " + inserted.body());
                }
            }
            stop(process);
            return new Start(toAnswer, cpu, phases(directory.resolve("server.log"), toAnswer));
        } finally {
            process.destroyForcibly();
        }
    }

    private void awaitFirstAnswer(Process process, URI base, String token, long launched, Path directory)
            throws Exception {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the example exited with " + process.exitValue() + " before answering:\n"
                        + tail(directory.resolve("server.log")));
            }
            if (System.nanoTime() - launched > START_LIMIT.toNanos()) {
                throw new IllegalStateException("no answer within " + START_LIMIT + ":\n"
                        + tail(directory.resolve("server.log")));
            }
            try {
                HttpResponse<String> answer = post(base.resolve("query"), token, QUERY);
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException e) {
                // Not listening yet.
            } catch (IOException e) {
                // A connection the starting server dropped; the next poll tries again.
            }
            Thread.sleep(5);
        }
    }

    private HttpResponse<String> post(URI uri, String token, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the example did not stop within 60 s of SIGTERM");
        }
    }

    /** The phases of the {@code started in} line, then {@code answer}: launch to first answer minus them all. */
    private static Map<String, Long> phases(Path log, long toAnswerMillis) throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(log)) {
            String line = lines.filter(l -> l.contains(" started in ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no 'started in' line in " + log));
            Matcher m = PHASE.matcher(line.substring(line.indexOf(" started in ")));
            while (m.find()) {
                phases.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        long started = phases.values().stream().mapToLong(Long::longValue).sum();
        phases.put("answer", Math.max(0, toAnswerMillis - started));
        return phases;
    }

    /** A bearer token of the example's {@code token} command, signed with {@link #SECRET}. */
    private String token() throws Exception {
        Path directory = Files.createTempDirectory("datafn-start-token");
        try {
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "token", "bench")
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("DATAFN_JWT_SECRET", SECRET);
            Process process = builder.start();
            String token = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("the example's token command failed");
            }
            return token;
        } finally {
            delete(directory);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String markdown(Map<Kind, List<Start>> results) {
        List<String> names = results.values().stream().flatMap(List::stream)
                .flatMap(s -> s.phases().keySet().stream()).distinct().toList();
        StringBuilder out = new StringBuilder("| start | median | min | max | CPU (median) |");
        names.forEach(n -> out.append(' ').append(n).append(" |"));
        out.append("\n|---|--:|--:|--:|--:|");
        names.forEach(n -> out.append("--:|"));
        results.forEach((kind, starts) -> {
            List<Long> totals = starts.stream().map(Start::toAnswerMillis).sorted().toList();
            out.append("\n| ").append(kind.label()).append(" | ")
                    .append("%,d ms | %,d ms | %,d ms | %,d ms |".formatted(median(totals), totals.getFirst(),
                            totals.getLast(), median(starts.stream().map(Start::cpuMillis).sorted().toList())));
            for (String name : names) {
                List<Long> values = starts.stream().map(s -> s.phases().get(name)).filter(v -> v != null)
                        .sorted().toList();
                out.append(' ').append(values.isEmpty() ? "" : "%,d".formatted(median(values))).append(" |");
            }
        });
        return out.toString();
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
