package dev.datafn.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link Bench}.
 *
 * @param jdbcUrl        the database, PostgreSQL or H2
 * @param user           its user
 * @param password       its password
 * @param rows           the todos of the namespace most scenarios read
 * @param aggregateRows  the todos of the separate namespace the groupBy scenario reads
 * @param warmUp         the unmeasured load before each measured window
 * @param duration       the measured window of each run
 * @param rounds         how often each side of each scenario runs, alternating
 * @param concurrency    the concurrent clients of the record scenarios
 * @param aggregateConcurrency the concurrent clients of the groupBy scenario
 * @param writers        the concurrent writers of the multi-writer insert scenarios
 * @param batchSize      the inserts of one request of the batch scenario
 * @param poolSize       the connection pool size of both DataFn and the baseline
 * @param only           the scenarios to run, by name or as the groups {@code reads}, {@code writes},
 *                       {@code sync}, {@code search} and {@code goals} (all when empty)
 * @param hibernate      Hibernate settings passed to DataFn as they are, for experiments (none by default)
 * @param sockets        the idle live sockets the {@code realtime} scenario opens against one server
 * @param exampleJar     the example jar the {@code start} scenario starts
 * @param profiles       the directory of each measured run's CPU profile (JFR), or {@code null} to profile none
 * @param minutes        the length of the {@code soak} scenario's run
 */
public record BenchOptions(
        String jdbcUrl,
        String user,
        String password,
        int rows,
        int aggregateRows,
        Duration warmUp,
        Duration duration,
        int rounds,
        int concurrency,
        int aggregateConcurrency,
        int writers,
        int batchSize,
        int poolSize,
        List<String> only,
        Map<String, String> hibernate,
        int sockets,
        Path exampleJar,
        Path profiles,
        int minutes) {

    /** The PostgreSQL database {@code --db postgres} names. */
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/datafn_bench";

    /** The longest measured window accepted, so a run always ends. */
    private static final Duration MAX_DURATION = Duration.ofMinutes(5);

    /** The longest soak accepted, so a run always ends. */
    private static final int MAX_MINUTES = 24 * 60;

    /** The usage text. */
    static final String USAGE = """
            java -jar datafn-bench/target/datafn-bench.jar [options]
              --db postgres|h2|<jdbc url>  the database (default postgres: %s,
                                           user/password datafn; h2: the file ./data/bench,
                                           without H2's reuse of a repeated query's last result)
              --user U --password P        credentials for a JDBC URL
              --rows N                     todos read by the record scenarios (default 100000)
              --agg-rows N                 todos of the groupBy scenario's namespace (default 1000000)
              --warmup S                   seconds of unmeasured load before each run (default 5)
              --duration S                 measured seconds of each run (default 10)
              --rounds N                   runs per side and scenario, alternating (default 3;
                                           realtime: windows with sockets, between windows without)
              --concurrency C              concurrent clients (default 8)
              --agg-concurrency C          concurrent clients of the groupBy scenario (default 2)
              --writers W                  concurrent writers of insert-shared, insert-spread (default 8)
              --batch N                    inserts per request of insert-batch (default 500,
                                           DataFn's maxBatchSize)
              --pool N                     connections of each pool (default 16, DataFn's default)
              --only a,b                   run only these scenarios (default all): reads (by-id, page,
                                           page-project, keyset-first, keyset-deep, offset-deep,
                                           group-by), writes (insert-1, insert-shared, insert-spread,
                                           insert-batch, insert-transact), sync (pull-10k, pull-100k,
                                           pull-1m, clone-100k, push-1000, writers-db, writers-redis,
                                           writers-kv; Redis on 127.0.0.1:6379), search (search-word,
                                           search-prefix, search-fuzzy: PostgreSQL only; search-insert-1,
                                           search-insert-shared), realtime, start (the example jar's
                                           launch to first answer; needs no database), soak (a steady
                                           mixed load for --minutes, the server read each minute; only
                                           when named), goals (the
                                           scenarios of the performance goals, ending with one table
                                           of them), or any of them by name
              --sockets N                  idle live sockets of the realtime scenario (default 10000,
                                           opened by a client process of their own; each process
                                           needs an open-file limit above N: ulimit -n)
              --jar PATH                   the example jar of the start scenario (default
                                           example-todo/target/example-todo.jar)
              --hibernate key=value        a Hibernate setting for DataFn, to try a tuning
                                           (repeatable; the published numbers use none)
              --profile DIR                record each measured run with JFR into DIR, and end the
                                           report with each side's CPU time per request by stage
              --minutes N                  length of the soak scenario (default 20; it runs only when
                                           --only names it: --only soak)
            """.formatted(POSTGRES_URL);

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static BenchOptions parse(String[] args) {
        String url = POSTGRES_URL;
        String user = "datafn";
        String password = "datafn";
        int rows = 100_000;
        int aggregateRows = 1_000_000;
        Duration warmUp = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(10);
        int rounds = 3;
        int concurrency = 8;
        int aggregateConcurrency = 2;
        int writers = 8;
        int batchSize = BaselineWrites.MAX_BATCH;
        int pool = dev.datafn.db.Database.DEFAULT_POOL_SIZE;
        List<String> only = new ArrayList<>();
        Map<String, String> hibernate = new LinkedHashMap<>();
        int sockets = 10_000;
        Path exampleJar = StartScenario.DEFAULT_JAR;
        Path profiles = null;
        int minutes = 20;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("usage");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--db" -> url = switch (value) {
                    case "postgres" -> POSTGRES_URL;
                    // H2 would otherwise answer a repeated identical statement from the last result of the
                    // connection, which the baseline's plain statements hit and DataFn's do not.
                    case "h2" -> "jdbc:h2:file:" + Path.of("data/bench").toAbsolutePath().normalize()
                            + ";LOCK_TIMEOUT=30000;OPTIMIZE_REUSE_RESULTS=0";
                    default -> value;
                };
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--rows" -> rows = positive(option, value);
                case "--agg-rows" -> aggregateRows = positive(option, value);
                case "--warmup" -> warmUp = Duration.ofSeconds(Math.min(positive(option, value), 300));
                case "--duration" -> duration = Duration.ofSeconds(positive(option, value));
                case "--rounds" -> rounds = Math.min(positive(option, value), 10);
                case "--concurrency" -> concurrency = Math.min(positive(option, value), 256);
                case "--agg-concurrency" -> aggregateConcurrency = Math.min(positive(option, value), 256);
                case "--writers" -> writers = Math.min(positive(option, value), 256);
                case "--batch" -> batchSize = Math.min(positive(option, value), BaselineWrites.MAX_BATCH);
                case "--pool" -> pool = positive(option, value);
                case "--sockets" -> sockets = Math.min(positive(option, value), 100_000);
                case "--jar" -> exampleJar = Path.of(value);
                case "--profile" -> profiles = Path.of(value);
                case "--minutes" -> minutes = Math.min(positive(option, value), MAX_MINUTES);
                case "--only" -> {
                    for (String name : value.split(",")) {
                        if (!name.equals("reads") && !name.equals("writes") && !name.equals("sync")
                                && !name.equals(Goals.GROUP)
                                && !name.equals("search") && !Scenarios.NAMES.contains(name)
                                && !WriteScenarios.NAMES.contains(name) && !SyncScenarios.NAMES.contains(name)
                                && !SearchScenarios.NAMES.contains(name)
                                && !name.equals(RealtimeScenario.NAME) && !name.equals(StartScenario.NAME)
                                && !name.equals(SoakScenario.NAME)) {
                            throw new IllegalArgumentException("unknown scenario '" + name + "'");
                        }
                        only.add(name);
                    }
                }
                case "--hibernate" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--hibernate expects key=value, got '" + value + "'");
                    }
                    hibernate.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (minutes < 2) {
            throw new IllegalArgumentException("--minutes must be 2 or more: the soak's verdict compares later minutes"
                    + " with the first");
        }
        if (rows < 100) {
            throw new IllegalArgumentException("--rows must be 100 or more");
        }
        if (url.startsWith("jdbc:h2:")) {
            user = "sa";
            password = "";
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration is at most " + MAX_DURATION.toSeconds() + " seconds");
        }
        return new BenchOptions(url, user, password, rows, aggregateRows, warmUp, duration, rounds, concurrency,
                aggregateConcurrency, writers, batchSize, pool, List.copyOf(only), Map.copyOf(hibernate), sockets,
                exampleJar, profiles, minutes);
    }

    /** @return whether the run has scenarios other than {@code start}, which alone needs no database */
    public boolean needsDatabase() {
        return only.isEmpty() || only.stream().anyMatch(name -> !name.equals(StartScenario.NAME));
    }

    /** @return whether the database is PostgreSQL */
    public boolean postgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** @param scenario a scenario name @return whether this run includes it */
    public boolean runs(String scenario) {
        if (scenario.equals(SoakScenario.NAME)) {
            // Minutes long: only when asked for by name.
            return only.contains(scenario);
        }
        return only.isEmpty() || only.contains(scenario)
                || (only.contains("reads") && Scenarios.NAMES.contains(scenario))
                || (only.contains("writes") && WriteScenarios.NAMES.contains(scenario))
                || (only.contains("sync") && SyncScenarios.NAMES.contains(scenario))
                || (only.contains("search") && SearchScenarios.NAMES.contains(scenario))
                || (only.contains(Goals.GROUP) && Goals.scenarios().contains(scenario));
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be 1 or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + value + "'");
        }
    }
}
