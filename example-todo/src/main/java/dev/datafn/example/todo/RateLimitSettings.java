package dev.datafn.example.todo;

import dev.datafn.http.RateLimit;
import dev.datafn.http.RateLimitBackend;
import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The example's rate limit from configuration, seed 000's {@code rateLimit}: {@code datafn.rateLimit.enabled},
 * {@code .maxRequests}, {@code .windowSeconds} and per endpoint {@code .endpoints.<endpoint>.maxRequests} /
 * {@code .windowSeconds}; as environment variables {@code DATAFN_RATELIMIT_ENABLED},
 * {@code DATAFN_RATELIMIT_MAXREQUESTS}, {@code DATAFN_RATELIMIT_ENDPOINTS_MUTATION_MAXREQUESTS}, ...
 * (which arrive lower-cased, so both spellings are read). Off unless enabled; when enabled, seed 000's
 * defaults are 100 requests per 60 s.
 *
 * <p>{@code .backend} ({@code DATAFN_RATELIMIT_BACKEND}) is {@code in-process} (the default: each instance
 * counts on its own) or {@code redis}: budgets shared by every instance through the Redis server at
 * {@code .redis.url} ({@code DATAFN_RATELIMIT_REDIS_URL}; default {@code datafn.redis.url}, else
 * {@code redis://127.0.0.1:6379}), under the key prefix {@code .redis.keyPrefix}
 * ({@code DATAFN_RATELIMIT_REDIS_KEYPREFIX}, default {@code datafn:ratelimit:}). While Redis cannot be
 * reached, requests go through unlimited, unless {@code .redis.failClosed} ({@code
 * DATAFN_RATELIMIT_REDIS_FAILCLOSED}) is {@code true}: then they are refused 503.
 */
final class RateLimitSettings {

    private static final String[] ENDPOINTS = {"status", "query", "mutation", "transact", "pull", "push", "clone",
            "reconcile", "seed"};

    private RateLimitSettings() {
    }

    /** @param config the configuration root @return the rate limit, or empty when it is not enabled */
    static Optional<RateLimit> from(Config config) {
        Config node = config.get("datafn.rateLimit").exists() ? config.get("datafn.rateLimit")
                : config.get("datafn.ratelimit");
        if (!node.get("enabled").asBoolean().orElse(false)) {
            return Optional.empty();
        }
        RateLimit limit = RateLimit.of(number(node, "maxRequests", 100), Duration.ofSeconds(number(node,
                "windowSeconds", 60)));
        for (String endpoint : ENDPOINTS) {
            Config rule = node.get("endpoints").get(endpoint);
            if (rule.exists()) {
                limit = limit.endpoint(endpoint, number(rule, "maxRequests", limit.rule().maxRequests()),
                        Duration.ofSeconds(number(rule, "windowSeconds", (int) limit.rule().window().toSeconds())));
            }
        }
        return Optional.of(limit.backend(backend(config, node)));
    }

    private static RateLimitBackend backend(Config config, Config node) {
        String backend = node.get("backend").asString().orElse("in-process").trim().toLowerCase(Locale.ROOT);
        return switch (backend) {
            case "in-process" -> RateLimitBackend.inProcess();
            case "redis" -> {
                Config redis = node.get("redis");
                String url = redis.get("url").asString()
                        .orElseGet(() -> config.get("datafn.redis.url").asString().orElse("redis://127.0.0.1:6379"));
                RateLimitBackend.Redis shared = RateLimitBackend.redis(URI.create(url),
                        setting(redis, "keyPrefix").asString().orElse("datafn:ratelimit:"));
                yield setting(redis, "failClosed").asBoolean().orElse(false) ? shared.failClosed() : shared;
            }
            default -> throw new IllegalArgumentException(
                    "datafn.rateLimit.backend is in-process or redis, not '" + backend + "'");
        };
    }

    private static Config setting(Config node, String key) {
        return node.get(key).exists() ? node.get(key) : node.get(key.toLowerCase(Locale.ROOT));
    }

    private static int number(Config node, String key, int otherwise) {
        return setting(node, key).asInt().orElse(otherwise);
    }
}
