package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.config.ConfigOption;
import dev.datafn.config.DataFnConfig;
import dev.datafn.config.DataFnSettings;
import dev.datafn.config.ValueType;
import dev.datafn.db.Database;
import dev.datafn.http.ConnectionHandling;
import dev.datafn.http.CorsPolicy;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.observe.DataFnObserve;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CommitBuses;
import dev.datafn.spi.DataFnLogger;
import dev.datafn.db.SchemaManagement;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the example over HTTP: the DataFn protocol at {@code /datafn}, with each resource's REST wrappers through
 * its generated routes ({@link TodoRoutes}, {@link ProjectRoutes}, {@link TagRoutes}).
 *
 * <p>Configuration: every {@code datafn.*} option of the runtime ({@link dev.datafn.config.ConfigOptions}) plus
 * the example's own ({@link #OWN_OPTIONS}), from system properties, then environment variables
 * ({@code DATAFN_LIMITS_MAXLIMIT}), then {@code application.yaml}, which lists them all with their defaults;
 * an unknown key or invalid value stops the start with a message naming it. {@code server.port} /
 * {@code SERVER_PORT} (default 8080) and {@code server.host} place the server. The example serves the REST
 * wrappers and lets pages on this machine call it ({@link #DEVELOPMENT_ORIGINS}) unless configured otherwise.
 * On SIGTERM or SIGINT it lets requests in flight finish for up to {@code datafn.shutdownTimeoutMs}, then exits 0.
 *
 * <p>Many instances: every commit goes on the commit bus {@code datafn.ws.bus} chooses (in-process on H2,
 * PostgreSQL {@code LISTEN/NOTIFY} on PostgreSQL, Redis pub/sub when {@code datafn.redis.url} is set), so every
 * instance sharing the data hears it.
 *
 * <p>Operations: {@code /observe/health} (liveness, and readiness of the database and, with the Redis
 * sequence store, Redis) and {@code /observe/metrics}; one access line per request on standard output,
 * readable with {@code datafn.debug} on (the default) and JSON lines with it off.
 *
 * <p>{@code datafn.db.schema} / {@code DATAFN_DB_SCHEMA} = {@code update} or {@code validate}: what the engine
 * does with its tables at startup (default: update on H2, validate on PostgreSQL, see {@link MigrationCommand}).
 */
public final class Main {

    /** The example's own options, beside the runtime's. */
    static final List<ConfigOption> OWN_OPTIONS = List.of(
            new ConfigOption("data-dir", new ValueType.Text(), "./data",
                    "directory of the H2 database (when no db.url is set) and the development JWT secret"),
            new ConfigOption("jwt.secret", new ValueType.Text(), "a development secret in data-dir",
                    "HS256 secret, at least 32 bytes, that every bearer token is checked with"));

    /** Development pages on this machine, on whatever port their dev server uses: the example's CORS default. */
    static final String[] DEVELOPMENT_ORIGINS = {"http://localhost:*", "http://127.0.0.1:*"};

    private Main() {
    }

    /**
     * Runs the jar's command line ({@link ExampleCli}): without a command, or with {@code serve}, starts the
     * server and keeps it running; {@code token}, {@code seed}, {@code export}, {@code import}, {@code migrate},
     * {@code baseline}, {@code generate-migration}, {@code reindex} and {@code explain} run on the configured
     * database and exit with their status (0 done, 1 refused, 2 wrong arguments, 3 when {@code explain} finds
     * queries that need indexes); {@code --help} lists them.
     *
     * @param args nothing, or a command and its arguments
     */
    public static void main(String[] args) {
        StartupTimes.Stopwatch stopwatch = new StartupTimes.Stopwatch();
        LogConfig.configureRuntime();
        int status = ExampleCli.commandLine(Main::configuration, () -> serve(stopwatch)).execute(args);
        // Serving returns 0 with the server's threads running; only a command's failure ends the JVM here.
        if (status != 0) {
            System.exit(status);
        }
    }

    private static void serve(StartupTimes.Stopwatch stopwatch) {
        Server server = start(configuration(), stopwatch);
        StopSignals.install(server);
        System.Logger log = System.getLogger(Main.class.getName());
        log.log(Level.INFO, "DataFn example serving " + server.url());
        log.log(Level.INFO, "DataFn example " + stopwatch.times().line());
    }

    /**
     * @return this process's configuration: system properties over environment variables over the
     *         {@code application.yaml} on the class path
     */
    static Config configuration() {
        return DataFnConfig.create(System.getenv(), systemProperties(), OWN_OPTIONS,
                ConfigSources.classpath("application.yaml"));
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    /**
     * Starts the example with a configuration.
     *
     * @param config the configuration root
     * @return the running server
     */
    public static Server start(Config config) {
        return start(config, new StartupTimes.Stopwatch());
    }

    /**
     * Starts the example with a configuration, timing each step.
     *
     * @param config    the configuration root
     * @param stopwatch the running stopwatch, lapped after the configuration, the engine, the HTTP service and
     *                  the web server
     * @return the running server
     */
    private static Server start(Config config, StartupTimes.Stopwatch stopwatch) {
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"), OWN_OPTIONS);
        stopwatch.lap("configuration");
        DataFn datafn = engine(settings).build();
        stopwatch.lap("engine");
        CommitBus bus = null;
        try {
            // Every commit goes on the bus (the live-update hub publishes them), so the live clients of every
            // instance sharing the data hear of it.
            bus = CommitBuses.configured(datafn, settings);
            boolean debug = settings.flag("debug").orElse(true);
            String serverseq = settings.text("dbMapping.serverseq").orElse("db");
            DataFnObserve.Builder observing = DataFnObserve.builder(datafn);
            if (serverseq.equals("redis")) {
                observing.redis(settings.text("redis.url").orElse("redis://127.0.0.1:6379"));
            }
            DataFnObserve observe = observing.build();
            DataFnHttp http = DataFnHttp.builder(datafn)
                    .onTiming(observe)
                    // One JSON object a line for log shippers in production, readable lines in development.
                    .logger(debug ? DataFnLogger.readable(System.out::println) : DataFnLogger.json(System.out::println))
                    .authenticate(JwtAuthenticator.hs256(JwtSecret.resolve(config)))
                    .cors(CorsPolicy.allowOrigins(DEVELOPMENT_ORIGINS))
                    .config(settings)
                    // The REST wrappers are the generated routes below, not the protocol service's generic ones.
                    .rest(false)
                    .commitBus(bus)
                    .build();
            boolean rest = settings.flag("rest").orElse(true);
            stopwatch.lap("http");
            WebServer web = WebServer.builder()
                    // DataFn's connection timeouts and limits, then Helidon's own server.* options over them.
                    .update(ConnectionHandling::defaults)
                    .config(config.get("server"))
                    // After them, keeping the server's own HTTP/1 options.
                    .update(server -> ConnectionHandling.headDeadline(server, config.get("server"),
                            settings.number("headReadTimeoutMs").map(Duration::ofMillis)
                                    .orElse(ConnectionHandling.HEAD_TIMEOUT)))
                    // The example stops on SIGTERM itself, draining requests before the web server stops.
                    .shutdownHook(false)
                    .port(config.get("server.port").asInt().orElse(8080))
                    .host(config.get("server.host").asString().orElse("0.0.0.0"))
                    .directHandlers(http.transportRefusals())
                    .addFeature(observe.feature())
                    .addFeature(WebApp.create(config, http))
                    .routing(r -> {
                        if (rest) {
                            // Before the protocol service, whose last route answers every path it does not serve 404.
                            // The built-in kv resource has no record of the example's, so no generated routes.
                            r.register("/datafn", new TodoRoutes(http), new ProjectRoutes(http), new TagRoutes(http),
                                    http.restRoutes("kv"));
                        }
                        r.register("/datafn", http);
                    })
                    .addRouting(http.webSocketRouting("/datafn"))
                    .build()
                    .start();
            stopwatch.lap("server");
            return new Server(web, datafn, bus);
        } catch (RuntimeException e) {
            datafn.close();
            if (bus != null) {
                bus.close();
            }
            throw e;
        }
    }

    /**
     * The example's engine as configured: on the H2 file {@code <data-dir>/todo} unless {@code datafn.db.url} is
     * set, and then with its full-text index on disk beside it, in {@code <data-dir>/search}, so that the
     * README's first command keeps its index across restarts ({@code datafn.search.directory} chooses another
     * place; on a configured database the index lives in memory unless it is set).
     *
     * @param settings the settings read
     * @return the engine's builder
     */
    static DataFnBuilder engine(DataFnSettings settings) {
        String dataDirectory = settings.text("data-dir").orElse("./data");
        DataFnBuilder builder = DataFn.builder()
                .schema(TodoAppSchema.INSTANCE)
                .database(Database.h2File(dataDirectory + "/todo"));
        if (!settings.has("db.url")) {
            builder.searchDirectory(searchDirectory(settings));
        }
        return builder.config(settings).plugins(new MutationAuditLog());
    }

    /**
     * @param settings the settings read
     * @return where the engine keeps its full-text index: {@code datafn.search.directory}, else beside the H2 file
     *         when no {@code datafn.db.url} is set, else nowhere (in memory)
     */
    static java.util.Optional<java.nio.file.Path> indexDirectory(DataFnSettings settings) {
        if (settings.has("search.directory")) {
            return settings.text("search.directory").map(java.nio.file.Path::of);
        }
        return settings.has("db.url") ? java.util.Optional.empty() : java.util.Optional.of(searchDirectory(settings));
    }

    private static java.nio.file.Path searchDirectory(DataFnSettings settings) {
        return java.nio.file.Path.of(settings.text("data-dir").orElse("./data"), "search");
    }

    /**
     * The configured database: {@code datafn.db.url} (with {@code user}, {@code password}) or the H2 file under
     * {@code datafn.data-dir}; {@code datafn.db.schema} = {@code update} or {@code validate} overrides what the
     * engine does with its tables at startup (default: update on H2, validate on PostgreSQL).
     *
     * @param config the configuration root
     * @return the database
     */
    static Database database(Config config) {
        Config db = config.get("datafn.db");
        Database database = db.get("url").asString()
                .map(url -> Database.jdbc(url, db.get("user").asString().orElse(""),
                        db.get("password").asString().orElse("")))
                .orElseGet(() -> Database.h2File(config.get("datafn.data-dir").asString().orElse("./data") + "/todo"));
        return db.get("schema").asString().map(value -> database.withSchemaManagement(schemaManagement(value)))
                .orElse(database);
    }

    private static SchemaManagement schemaManagement(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "update" -> SchemaManagement.UPDATE;
            case "validate" -> SchemaManagement.VALIDATE;
            default -> throw new IllegalArgumentException("datafn.db.schema must be 'update' or 'validate', not '"
                    + value + "'");
        };
    }

    /**
     * A running example server.
     *
     * @param web    the web server
     * @param datafn the engine
     * @param bus    the commit bus its engine publishes on ({@code datafn.ws.bus})
     */
    public record Server(WebServer web, DataFn datafn, CommitBus bus) implements AutoCloseable {

        /** @return the base URL of the DataFn protocol, e.g. {@code http://localhost:8080/datafn} */
        public String url() {
            return "http://localhost:" + web.port() + "/datafn";
        }

        /**
         * Shuts down gracefully: the engine refuses new requests with 503 (the web server still listens,
         * so callers get that answer rather than a refused connection), closes every WebSocket with 1001,
         * lets those in flight finish for up to {@code shutdownTimeoutMs}, stops pruning and closes the
         * database; the commit bus sends the last commits and closes; then the web server stops.
         */
        @Override
        public void close() {
            try {
                datafn.close();
            } finally {
                try {
                    bus.close();
                } finally {
                    web.stop();
                }
            }
        }
    }
}
