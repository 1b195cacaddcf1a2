package dev.datafn.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every option the runtime reads from Helidon Config under {@code datafn.}, with seed 000's defaults. The
 * engine ({@code DataFnBuilder#config}) reads the database, limits, retention and search; the HTTP service
 * ({@code DataFnHttp.Builder#config}) reads rest, debug, the rate limit and CORS; {@code CommitBuses.configured}
 * reads the commit bus ({@code ws.bus}).
 */
public final class ConfigOptions {

    /** The endpoints a rate limit can set its own budget for. */
    public static final List<String> RATE_LIMITED_ENDPOINTS = List.of("status", "query", "mutation", "transact",
            "pull", "push", "clone", "reconcile", "seed", "search", "ws");

    /** Every option, in the order the README lists them. */
    public static final List<ConfigOption> ALL = all();

    private ConfigOptions() {
    }

    private static List<ConfigOption> all() {
        ValueType flag = new ValueType.Flag();
        ValueType text = new ValueType.Text();
        ValueType list = new ValueType.Items();
        List<ConfigOption> all = new ArrayList<>(List.of(
                new ConfigOption("db.url", text, "an H2 file database",
                        "JDBC URL of the database: jdbc:h2:... or jdbc:postgresql:..."),
                new ConfigOption("db.user", new ValueType.AnyText(), "(empty)", "database user"),
                new ConfigOption("db.password", new ValueType.AnyText(), "(empty)", "database password"),
                new ConfigOption("db.maxPoolSize", whole(1, 1000), "16", "most pooled database connections"),
                new ConfigOption("db.schema", new ValueType.OneOf(List.of("update", "validate")),
                        "update on H2, validate otherwise",
                        "what the engine does with its tables at startup: update them, or check them against the "
                        + "records and refuse to start on a difference (see schema migrations)"),
                new ConfigOption("dbMapping.serverseq", new ValueType.OneOf(List.of("db", "redis", "kv")), "db",
                        "where serverSeqs come from: the database, Redis or an in-process key-value store"),
                new ConfigOption("redis.url", text, "redis://127.0.0.1:6379",
                        "the Redis server of dbMapping.serverseq=redis, of ws.bus=redis and, unless set there, of "
                        + "the rate limit"),
                new ConfigOption("ws.bus", new ValueType.OneOf(List.of("auto", "in-process", "postgres", "redis")),
                        "auto", "how committed writes reach the live clients of every server instance: auto is "
                        + "Redis pub/sub when redis.url is set, else PostgreSQL LISTEN/NOTIFY on PostgreSQL, else "
                        + "in-process"),
                new ConfigOption("allowUnknownResources", flag, "false",
                        "open resources without a permissions policy to every caller (development only)"),
                new ConfigOption("queryTimeoutMs", whole(0, 86_400_000), "30000",
                        "longest any one statement may run before the database stops it, and a request may wait for a "
                        + "pooled connection; 0 for no limit"),
                new ConfigOption("shutdownTimeoutMs", whole(0, 3_600_000), "10000",
                        "how long shutdown lets requests in flight finish before it cancels them"),
                new ConfigOption("bodyReadTimeoutMs", whole(1, 3_600_000), "30000",
                        "longest a request body may take to arrive; a slower upload is cut and its connection closed"),
                new ConfigOption("headReadTimeoutMs", whole(1, 3_600_000), "10000",
                        "longest a request's headers may take to arrive after its request line; then its connection"
                                + " is closed"),
                new ConfigOption("answerMemoryBytes", whole(1, Long.MAX_VALUE), "(a quarter of the heap)",
                        "most bytes the answers of all requests in flight may hold together; past it, 503"),
                new ConfigOption("debug", flag, "true",
                        "error messages name fields and values; turn off in production"),
                new ConfigOption("rest", flag, "false", "serve the REST wrappers under /resources"),
                new ConfigOption("rowLevelNamespace", flag, "true",
                        "keep each namespace's rows apart in shared tables"),
                new ConfigOption("search.enabled", flag, "true",
                        "index the searchable fields and answer full-text searches; off, searches are refused"),
                new ConfigOption("search.directory", text, "(none: in memory)",
                        "directory of the full-text index on disk, kept across restarts and rebuilt at startup when "
                        + "missing; unset, the index lives in memory"),
                new ConfigOption("limits.maxLimit", whole(1, 10_000), "100", "largest query limit"),
                new ConfigOption("limits.maxPayloadBytes", whole(1, 1_073_741_824), "5242880",
                        "largest request body in bytes"),
                new ConfigOption("limits.maxTransactSteps", whole(1, 10_000), "100", "most steps of one transaction"),
                new ConfigOption("limits.maxPullLimit", whole(1, 100_000), "1000", "most changes one pull returns"),
                new ConfigOption("limits.maxSelectTokens", whole(1, 1000), "50", "most select tokens of one query"),
                new ConfigOption("limits.maxFilterKeysPerLevel", whole(1, 1000), "20",
                        "most filter keys per nesting level"),
                new ConfigOption("limits.maxSortFields", whole(1, 100), "10", "most sort fields of one query"),
                new ConfigOption("limits.maxAggregations", whole(1, 1000), "20", "most aggregations of one query"),
                new ConfigOption("limits.maxIdLength", whole(1, 255), "255", "longest record id a client may choose"),
                new ConfigOption("limits.maxBatchSize", whole(1, 10_000), "500",
                        "most mutations of one push or batch mutation"),
                new ConfigOption("limits.maxBatchQueryConcurrency", whole(1, 1000), "20",
                        "most queries of one batch run at once"),
                new ConfigOption("limits.maxAnswerBytes", whole(1, 1_073_741_824), "16777216",
                        "most bytes one request may read to build its answer (estimated from the values read)"),
                new ConfigOption("retention.changeLogDays", whole(0, 36_500), "0",
                        "days a change record is kept; 0 keeps it forever"),
                new ConfigOption("retention.idempotencyDays", whole(0, 36_500), "0",
                        "days an idempotency record is kept; 0 keeps it forever"),
                new ConfigOption("retention.pruneOnStartup", flag, "false", "delete expired records at startup"),
                new ConfigOption("retention.pruneIntervalMs", whole(0, 31_536_000_000L), "0",
                        "how often to delete expired records; 0 never"),
                new ConfigOption("rateLimit.enabled", flag, "false", "limit requests per caller"),
                new ConfigOption("rateLimit.maxRequests", whole(1, 1_000_000), "100",
                        "requests per window and caller"),
                new ConfigOption("rateLimit.windowSeconds", whole(1, 86_400), "60", "length of the window"),
                new ConfigOption("rateLimit.backend", new ValueType.OneOf(List.of("in-process", "redis")),
                        "in-process", "where the budgets are counted: each instance, or shared in Redis"),
                new ConfigOption("rateLimit.redis.url", text, "redis.url", "the Redis server of shared budgets"),
                new ConfigOption("rateLimit.redis.keyPrefix", text, "datafn:ratelimit:",
                        "prefix of the budgets' Redis keys"),
                new ConfigOption("rateLimit.redis.failClosed", flag, "false",
                        "refuse requests with 503 while Redis is unreachable, instead of letting them through")));
        for (String endpoint : RATE_LIMITED_ENDPOINTS) {
            all.add(new ConfigOption("rateLimit.endpoints." + endpoint + ".maxRequests", whole(1, 1_000_000),
                    "rateLimit.maxRequests", "requests per window and caller to " + endpoint));
            all.add(new ConfigOption("rateLimit.endpoints." + endpoint + ".windowSeconds", whole(1, 86_400),
                    "rateLimit.windowSeconds", "window of " + endpoint + "'s budget"));
        }
        all.addAll(List.of(
                new ConfigOption("cors.origins", list, "(none: no CORS headers)",
                        "comma-separated origins whose pages may call the server (* for any port or subdomain), "
                                + "or none"),
                new ConfigOption("cors.methods", list, "GET,POST,PUT,PATCH,DELETE", "methods pages may use"),
                new ConfigOption("cors.headers", list, "Authorization,Content-Type", "request headers pages may send"),
                new ConfigOption("cors.exposedHeaders", list, "Retry-After,WWW-Authenticate",
                        "response headers pages may read"),
                new ConfigOption("cors.credentials", flag, "false", "let pages send cookies and credentials"),
                new ConfigOption("cors.maxAgeSeconds", whole(0, 86_400), "600",
                        "how long browsers may cache a preflight answer"),
                new ConfigOption("ws.maxConnections", whole(1, 1_000_000), "10000",
                        "live WebSocket connections this instance holds; more are refused 503"),
                new ConfigOption("ws.maxConnectionsPerNamespace", whole(1, 1_000_000), "100",
                        "live WebSocket connections of one namespace; more are refused 429"),
                new ConfigOption("ws.heartbeatIntervalMs", whole(1, 3_600_000), "30000",
                        "how often each WebSocket is pinged"),
                new ConfigOption("ws.heartbeatTimeoutMs", whole(1, 3_600_000), "10000",
                        "how long a ping waits for its pong before the WebSocket is closed")));
        return List.copyOf(all);
    }

    private static ValueType whole(long min, long max) {
        return new ValueType.WholeNumber(min, max);
    }
}
