package dev.datafn.example.todo;

import dev.datafn.http.CorsPolicy;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The example's CORS policy from configuration: {@code datafn.cors.origins} ({@code DATAFN_CORS_ORIGINS}), a
 * comma-separated list of allowed origins, by default {@code http://localhost:*,http://127.0.0.1:*} (pages
 * served from this machine on any port while developing), or {@code none} to send no CORS headers at all;
 * {@code .methods}, {@code .headers} and {@code .exposedHeaders} (comma-separated; defaults those of
 * {@link CorsPolicy}); {@code .credentials} (default false); {@code .maxAgeSeconds} (default 600). Environment
 * variables arrive lower-cased ({@code DATAFN_CORS_MAXAGESECONDS}), so both spellings are read.
 */
final class CorsSettings {

    /** Development pages on this machine, on whatever port their dev server uses. */
    static final String DEFAULT_ORIGINS = "http://localhost:*,http://127.0.0.1:*";

    private CorsSettings() {
    }

    /** @param config the configuration root @return the policy, or empty when the origins are {@code none} */
    static Optional<CorsPolicy> from(Config config) {
        Config node = config.get("datafn.cors");
        String origins = node.get("origins").asString().orElse(DEFAULT_ORIGINS).trim();
        if (origins.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        CorsPolicy policy = CorsPolicy.allowOrigins(list(origins));
        Optional<String> methods = setting(node, "methods").asString().asOptional();
        if (methods.isPresent()) {
            policy = policy.allowMethods(list(methods.get()));
        }
        Optional<String> headers = setting(node, "headers").asString().asOptional();
        if (headers.isPresent()) {
            policy = policy.allowHeaders(list(headers.get()));
        }
        Optional<String> exposed = setting(node, "exposedHeaders").asString().asOptional();
        if (exposed.isPresent()) {
            policy = policy.exposeHeaders(list(exposed.get()));
        }
        return Optional.of(policy
                .allowCredentials(setting(node, "credentials").asBoolean().orElse(false))
                .maxAge(Duration.ofSeconds(setting(node, "maxAgeSeconds").asLong()
                        .orElse(CorsPolicy.DEFAULT_MAX_AGE.toSeconds()))));
    }

    private static String[] list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    private static Config setting(Config node, String key) {
        return node.get(key).exists() ? node.get(key) : node.get(key.toLowerCase(Locale.ROOT));
    }
}
