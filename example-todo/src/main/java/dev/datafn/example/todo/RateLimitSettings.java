package dev.datafn.example.todo;

import dev.datafn.http.RateLimit;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * The example's rate limit from configuration, seed 000's {@code rateLimit}: {@code datafn.rateLimit.enabled},
 * {@code .maxRequests}, {@code .windowSeconds} and per endpoint {@code .endpoints.<endpoint>.maxRequests} /
 * {@code .windowSeconds}; as environment variables {@code DATAFN_RATELIMIT_ENABLED},
 * {@code DATAFN_RATELIMIT_MAXREQUESTS}, {@code DATAFN_RATELIMIT_ENDPOINTS_MUTATION_MAXREQUESTS}, ...
 * (which arrive lower-cased, so both spellings are read). Off unless enabled; when enabled, seed 000's
 * defaults are 100 requests per 60 s.
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
        return Optional.of(limit);
    }

    private static int number(Config node, String key, int otherwise) {
        Config value = node.get(key).exists() ? node.get(key) : node.get(key.toLowerCase(java.util.Locale.ROOT));
        return value.asInt().orElse(otherwise);
    }
}
