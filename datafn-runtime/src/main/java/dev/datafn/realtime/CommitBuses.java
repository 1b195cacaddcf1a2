package dev.datafn.realtime;

import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.db.Database;
import dev.datafn.schema.ResourceSchema;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the {@link CommitBus} of a server ({@code datafn.ws.bus}):
 * <ul>
 *   <li>{@code auto} (the default): Redis pub/sub when {@code datafn.redis.url} is set, else PostgreSQL
 *       {@code LISTEN/NOTIFY} when the database is PostgreSQL, else in-process (embedded H2 serves one
 *       instance);</li>
 *   <li>{@code in-process}, {@code postgres} or {@code redis}: that bus.</li>
 * </ul>
 *
 * <pre>{@code
 * CommitBus bus = CommitBuses.configured(datafn, settings);
 * CommitPublisher publishing = CommitPublisher.start(datafn, bus);
 * }</pre>
 */
public final class CommitBuses {

    /** The Redis server when none is configured. */
    static final URI DEFAULT_REDIS = URI.create("redis://127.0.0.1:6379");

    private CommitBuses() {
    }

    /** The buses by their configuration names. */
    public enum Kind {
        /** Redis when configured, PostgreSQL when the database is, else in-process. */
        AUTO("auto"),
        /** {@link InProcessCommitBus}: one instance. */
        IN_PROCESS("in-process"),
        /** {@link PostgresCommitBus}. */
        POSTGRES("postgres"),
        /** {@link RedisCommitBus}. */
        REDIS("redis");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        /** @return the name {@code datafn.ws.bus} takes, e.g. {@code in-process} */
        public String configName() {
            return configName;
        }

        /**
         * @param name a configuration name, in any case
         * @return its kind
         * @throws IllegalArgumentException for another name
         */
        public static Kind of(String name) {
            String wanted = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.configName.equals(wanted)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("datafn.ws.bus is auto, in-process, postgres or redis, not '" + name + "'");
        }
    }

    /**
     * The bus the settings choose for an engine: {@code datafn.ws.bus} and {@code datafn.redis.url}.
     *
     * @param datafn   the engine, whose database and schema the bus serves
     * @param settings the server's settings
     * @return a connected bus; the caller closes it
     */
    public static CommitBus configured(DataFn datafn, DataFnSettings settings) {
        Kind kind = settings.text("ws.bus").map(Kind::of).orElse(Kind.AUTO);
        Optional<URI> redis = settings.text("redis.url").map(URI::create);
        return create(kind, datafn.database(), redis, everyResource(datafn));
    }

    /**
     * The bus of {@code auto} without Redis: PostgreSQL's when the engine's database is PostgreSQL, else
     * in-process.
     *
     * @param datafn the engine
     * @return a connected bus; the caller closes it
     */
    public static CommitBus forDatabase(DataFn datafn) {
        return create(Kind.AUTO, datafn.database(), Optional.empty(), everyResource(datafn));
    }

    /**
     * @param kind          which bus
     * @param database      the database the instances share
     * @param redis         the Redis server, when one is configured ({@code redis} without one uses
     *                      {@code redis://127.0.0.1:6379})
     * @param everyResource what a write too large to list its resources stands for
     * @return a connected bus; the caller closes it
     * @throws IllegalArgumentException for {@code postgres} on another database
     */
    public static CommitBus create(Kind kind, Database database, Optional<URI> redis, Set<String> everyResource) {
        return switch (kind) {
            case IN_PROCESS -> new InProcessCommitBus();
            case POSTGRES -> new PostgresCommitBus(database, everyResource);
            case REDIS -> RedisBus.open(redis.orElse(DEFAULT_REDIS), everyResource);
            case AUTO -> redis.isPresent()
                    ? RedisBus.open(redis.get(), everyResource)
                    : database.isPostgres() ? new PostgresCommitBus(database, everyResource) : new InProcessCommitBus();
        };
    }

    /** @return the names of the engine's resources, the built-in ones included */
    static Set<String> everyResource(DataFn datafn) {
        return datafn.schema().resources().stream().map(ResourceSchema::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Kept apart so Jedis, which applications add only when they use Redis, loads only when it is used. */
    private static final class RedisBus {
        static CommitBus open(URI url, Set<String> everyResource) {
            return new RedisCommitBus(url, everyResource);
        }
    }
}
