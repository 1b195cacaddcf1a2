package dev.datafn.http;

import dev.datafn.config.ConfigOptions;
import dev.datafn.config.DataFnSettings;
import dev.datafn.config.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Turns the HTTP options of {@link DataFnSettings} into what {@link DataFnHttp.Builder} takes: the rate limit
 * (seed 000's {@code rateLimit}) and the CORS policy. Only what is set changes the builder.
 */
final class HttpSettings {

    private HttpSettings() {
    }

    /**
     * @param settings the settings
     * @return the rate limit when {@code rateLimit.enabled} is set: present when true, empty (off) when false
     */
    static java.util.Optional<java.util.Optional<RateLimit>> rateLimit(DataFnSettings settings) {
        return settings.flag("rateLimit.enabled").map(enabled -> enabled
                ? java.util.Optional.of(enabledRateLimit(settings)) : java.util.Optional.empty());
    }

    private static RateLimit enabledRateLimit(DataFnSettings settings) {
        int maxRequests = settings.integer("rateLimit.maxRequests").orElse(100);
        int windowSeconds = settings.integer("rateLimit.windowSeconds").orElse(60);
        RateLimit limit = RateLimit.of(maxRequests, Duration.ofSeconds(windowSeconds));
        for (String endpoint : ConfigOptions.RATE_LIMITED_ENDPOINTS) {
            String prefix = "rateLimit.endpoints." + endpoint;
            if (settings.hasAny(prefix)) {
                limit = limit.endpoint(endpoint, settings.integer(prefix + ".maxRequests").orElse(maxRequests),
                        Duration.ofSeconds(settings.integer(prefix + ".windowSeconds").orElse(windowSeconds)));
            }
        }
        if (!settings.text("rateLimit.backend").orElse("in-process").equals("redis")) {
            return limit.backend(RateLimitBackend.inProcess());
        }
        URI url = URI.create(settings.text("rateLimit.redis.url")
                .orElseGet(() -> settings.text("redis.url").orElse("redis://127.0.0.1:6379")));
        RateLimitBackend.Redis shared = RateLimitBackend.redis(url,
                settings.text("rateLimit.redis.keyPrefix").orElse("datafn:ratelimit:"));
        return limit.backend(settings.flag("rateLimit.redis.failClosed").orElse(false) ? shared.failClosed() : shared);
    }

    /**
     * @param settings the settings
     * @param current  the policy the builder has so far, which options other than the origins adjust
     * @return the policy when any CORS option is set: empty for origins {@code none}
     */
    static java.util.Optional<java.util.Optional<CorsPolicy>> cors(DataFnSettings settings, CorsPolicy current) {
        if (!settings.hasAny("cors")) {
            return java.util.Optional.empty();
        }
        List<String> origins = settings.items("cors.origins").orElse(null);
        if (origins != null && origins.size() == 1 && origins.getFirst().equalsIgnoreCase("none")) {
            return java.util.Optional.of(java.util.Optional.empty());
        }
        CorsPolicy policy;
        try {
            policy = origins != null ? CorsPolicy.allowOrigins(origins.toArray(String[]::new)) : current;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(List.of("datafn.cors.origins: " + e.getMessage()));
        }
        if (policy == null) {
            throw new InvalidConfigException(List.of(
                    "datafn.cors: set datafn.cors.origins as well, the origins the other CORS options apply to"));
        }
        try {
            policy = policy.allowMethods(settings.items("cors.methods").orElse(policy.methods()).toArray(String[]::new))
                    .allowHeaders(settings.items("cors.headers").orElse(policy.headers()).toArray(String[]::new))
                    .exposeHeaders(settings.items("cors.exposedHeaders").orElse(policy.exposedHeaders())
                            .toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(List.of("datafn.cors: " + e.getMessage()));
        }
        return java.util.Optional.of(java.util.Optional.of(policy
                .allowCredentials(settings.flag("cors.credentials").orElse(policy.credentials()))
                .maxAge(settings.number("cors.maxAgeSeconds").map(Duration::ofSeconds).orElse(policy.maxAge()))));
    }

    /**
     * @param settings the settings
     * @param current  the builder's settings so far, which the options set replace one by one
     * @return the live connections' limits and heartbeats ({@code ws.*})
     */
    static dev.datafn.realtime.RealtimeSettings realtime(DataFnSettings settings,
            dev.datafn.realtime.RealtimeSettings current) {
        return new dev.datafn.realtime.RealtimeSettings(
                settings.integer("ws.maxConnections").orElse(current.maxConnections()),
                settings.integer("ws.maxConnectionsPerNamespace").orElse(current.maxConnectionsPerNamespace()),
                settings.number("ws.heartbeatIntervalMs").map(Duration::ofMillis).orElse(current.heartbeatInterval()),
                settings.number("ws.heartbeatTimeoutMs").map(Duration::ofMillis).orElse(current.heartbeatTimeout()));
    }
}
