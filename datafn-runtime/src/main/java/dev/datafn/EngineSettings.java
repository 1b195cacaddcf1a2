package dev.datafn;

import dev.datafn.config.DataFnSettings;
import dev.datafn.config.InvalidConfigException;
import dev.datafn.config.Limits;
import dev.datafn.config.Retention;
import dev.datafn.db.Database;
import dev.datafn.sequence.DbMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.JedisPooled;

/**
 * Applies the engine's options of {@link DataFnSettings} to a {@link DataFnBuilder}: only those set, so the
 * builder's defaults (seed 000's) and what the application set before stay otherwise.
 */
final class EngineSettings {

    private EngineSettings() {
    }

    static void apply(DataFnSettings settings, DataFnBuilder builder) {
        settings.text("db.url").ifPresent(url -> builder.database(database(settings, url)));
        settings.flag("allowUnknownResources").ifPresent(builder::allowUnknownResources);
        settings.number("queryTimeoutMs").ifPresent(ms -> builder.queryTimeout(ms == 0 ? null : Duration.ofMillis(ms)));
        settings.number("answerMemoryBytes").ifPresent(builder::answerMemory);
        settings.flag("search.enabled").ifPresent(builder::search);
        settings.text("search.directory").ifPresent(directory -> builder.searchDirectory(searchDirectory(directory)));
        settings.number("shutdownTimeoutMs").ifPresent(ms -> builder.shutdownTimeout(Duration.ofMillis(ms)));
        if (settings.hasAny("limits")) {
            builder.limits(limits(settings));
        }
        if (settings.hasAny("retention")) {
            builder.retention(retention(settings, builder.currentRetention()));
        }
        settings.text("dbMapping.serverseq").ifPresent(serverseq -> {
            URI redis = URI.create(settings.text("redis.url").orElse("redis://127.0.0.1:6379"));
            builder.sequenceStore(DbMapping.serverseq(serverseq, () -> Redis.client(redis), null));
        });
    }

    private static Database database(DataFnSettings settings, String url) {
        try {
            Database database = Database.jdbc(url, settings.text("db.user").orElse(""),
                    settings.text("db.password").orElse(""));
            Database pooled = settings.integer("db.maxPoolSize").map(database::withPoolSize).orElse(database);
            return settings.text("db.schema")
                    .map(action -> pooled.withSchemaManagement(action.equals("update")
                            ? dev.datafn.db.SchemaManagement.UPDATE : dev.datafn.db.SchemaManagement.VALIDATE))
                    .orElse(pooled);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(List.of("datafn.db.url: " + e.getMessage()));
        }
    }

    private static java.nio.file.Path searchDirectory(String directory) {
        try {
            return java.nio.file.Path.of(directory);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidConfigException(List.of("datafn.search.directory: not a path: " + e.getMessage()));
        }
    }

    private static Consumer<Limits.Builder> limits(DataFnSettings settings) {
        return b -> {
            settings.integer("limits.maxLimit").ifPresent(b::maxLimit);
            settings.integer("limits.maxPayloadBytes").ifPresent(b::maxPayloadBytes);
            settings.integer("limits.maxTransactSteps").ifPresent(b::maxTransactSteps);
            settings.integer("limits.maxPullLimit").ifPresent(b::maxPullLimit);
            settings.integer("limits.maxSelectTokens").ifPresent(b::maxSelectTokens);
            settings.integer("limits.maxFilterKeysPerLevel").ifPresent(b::maxFilterKeysPerLevel);
            settings.integer("limits.maxSortFields").ifPresent(b::maxSortFields);
            settings.integer("limits.maxAggregations").ifPresent(b::maxAggregations);
            settings.integer("limits.maxIdLength").ifPresent(b::maxIdLength);
            settings.integer("limits.maxBatchSize").ifPresent(b::maxBatchSize);
            settings.integer("limits.maxBatchQueryConcurrency").ifPresent(b::maxBatchQueryConcurrency);
            settings.integer("limits.maxAnswerBytes").ifPresent(b::maxAnswerBytes);
        };
    }

    private static Retention retention(DataFnSettings settings, Retention from) {
        return new Retention(settings.integer("retention.changeLogDays").orElse(from.changeLogDays()),
                settings.integer("retention.idempotencyDays").orElse(from.idempotencyDays()),
                settings.flag("retention.pruneOnStartup").orElse(from.pruneOnStartup()),
                settings.number("retention.pruneIntervalMs").orElse(from.pruneIntervalMs()));
    }

    /** Kept apart so Jedis, which applications add only when they use Redis, loads only when it is used. */
    private static final class Redis {
        static JedisPooled client(URI url) {
            return new JedisPooled(url);
        }
    }
}
