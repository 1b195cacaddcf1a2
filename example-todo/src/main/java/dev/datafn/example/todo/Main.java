package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.sequence.DbMapping;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import java.lang.System.Logger.Level;
import java.net.URI;
import redis.clients.jedis.JedisPooled;

/**
 * Serves the example over HTTP: the DataFn protocol at {@code /datafn}, with the REST wrappers.
 *
 * <p>Configuration (Helidon Config: system properties, then environment variables):
 * {@code server.port} / {@code SERVER_PORT} (default 8080); {@code datafn.db.url} /
 * {@code DATAFN_DB_URL} with {@code DATAFN_DB_USER} and {@code DATAFN_DB_PASSWORD} to use PostgreSQL
 * (default: an H2 file database under {@code ./data}); {@code datafn.dbMapping.serverseq} /
 * {@code DATAFN_DBMAPPING_SERVERSEQ} = {@code db} (default), {@code redis} (with {@code datafn.redis.url},
 * default {@code redis://127.0.0.1:6379}) or {@code kv}: where serverSeqs come from;
 * {@code datafn.jwt.secret} / {@code DATAFN_JWT_SECRET}, the HS256 secret every request's bearer token is
 * checked with (default: a development secret in the data directory, see {@link JwtSecret});
 * {@code DATAFN_RATELIMIT_*}, seed 000's rate limit (see {@link RateLimitSettings}); {@code DATAFN_CORS_*}, the
 * pages of other origins that may call it from a browser (see {@link CorsSettings}); {@code datafn.db.schema} /
 * {@code DATAFN_DB_SCHEMA} = {@code update} or {@code validate}: what the engine does with its tables at startup
 * (default: update on H2, validate on PostgreSQL, see {@link MigrationCommand}).
 */
public final class Main {

    private Main() {
    }

    /**
     * Starts the server and keeps it running; or, with {@code token <user> [--tenant T] [--ttl 24h]}, prints a
     * bearer token for that user signed with the configured or development secret; or, with {@code migrate} or
     * {@code generate-migration <description> [--dir D]}, runs that {@link MigrationCommand} on the configured
     * database.
     *
     * @param args nothing, or a command
     */
    public static void main(String[] args) {
        if (args.length > 0 && MigrationCommand.NAMES.contains(args[0])) {
            LogConfig.configureRuntime();
            try {
                System.out.println(MigrationCommand.run(Config.create(), args));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("token")) {
            try {
                System.out.println(TokenCommand.run(Config.create(), args));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        LogConfig.configureRuntime();
        Server server = start(Config.create());
        System.getLogger(Main.class.getName()).log(Level.INFO, "DataFn example serving " + server.url());
    }

    /**
     * Starts the example with a configuration.
     *
     * @param config the configuration root
     * @return the running server
     */
    public static Server start(Config config) {
        Database database = database(config);
        DataFn datafn = DataFn.builder()
                .schema(TodoAppSchema.INSTANCE)
                .database(database)
                // Environment variables arrive lower-cased (DATAFN_DBMAPPING_SERVERSEQ): accept both spellings.
                .sequenceStore(DbMapping.serverseq(config.get("datafn.dbMapping.serverseq").asString()
                        .orElseGet(() -> config.get("datafn.dbmapping.serverseq").asString().orElse("db")),
                        () -> new JedisPooled(URI.create(config.get("datafn.redis.url").asString()
                                .orElse("redis://127.0.0.1:6379"))), null))
                .build();
        try {
            DataFnHttp http = DataFnHttp.builder(datafn)
                    .authenticate(JwtAuthenticator.hs256(JwtSecret.resolve(config)))
                    .rateLimit(RateLimitSettings.from(config).orElse(null))
                    .cors(CorsSettings.from(config).orElse(null))
                    .rest(true)
                    .debug(config.get("datafn.debug").asBoolean().orElse(true))
                    .build();
            WebServer web = WebServer.builder()
                    .port(config.get("server.port").asInt().orElse(8080))
                    .host(config.get("server.host").asString().orElse("0.0.0.0"))
                    .directHandlers(http.transportRefusals())
                    .routing(r -> r.register("/datafn", http))
                    .build()
                    .start();
            return new Server(web, datafn);
        } catch (RuntimeException e) {
            datafn.close();
            throw e;
        }
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
     */
    public record Server(WebServer web, DataFn datafn) implements AutoCloseable {

        /** @return the base URL of the DataFn protocol, e.g. {@code http://localhost:8080/datafn} */
        public String url() {
            return "http://localhost:" + web.port() + "/datafn";
        }

        /** Stops the server and closes the database. */
        @Override
        public void close() {
            web.stop();
            datafn.close();
        }
    }
}
