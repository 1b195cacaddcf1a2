package dev.datafn.http;

import io.helidon.cors.CrossOriginConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CorsPolicy} in front of the routes: Helidon's {@link CorsSupport} answers preflights, refuses
 * origins the policy does not allow and adds the headers to the answers of those it does, before the
 * request goes on to its route. Helidon compares origins exactly, so a request's origin is matched against
 * the policy's patterns here, and Helidon is handed a configuration allowing just that origin.
 */
final class CorsHandler implements Handler {

    /** The most origins with a configuration of their own; past it they start over. */
    private static final int BOUND = 1_000;

    private final CorsPolicy policy;
    private final List<OriginPattern> origins;
    private final CorsSupport refusing;
    private final CorsSupport anyOrigin;
    private final Map<String, CorsSupport> byOrigin = new ConcurrentHashMap<>();

    /** @param policy the policy to apply */
    CorsHandler(CorsPolicy policy) {
        this.policy = policy;
        this.origins = policy.origins().stream().map(OriginPattern::parse).toList();
        // Allows no origin: cross-origin requests are refused, same-origin ones go on untouched.
        this.refusing = support(new String[0]);
        this.anyOrigin = origins.stream().anyMatch(OriginPattern::anyOrigin) ? support("*") : null;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            res.next();
            return;
        }
        supportFor(origin.get()).handle(req, res);
    }

    private CorsSupport supportFor(String origin) {
        if (anyOrigin != null) {
            return anyOrigin;
        }
        if (origins.stream().noneMatch(pattern -> pattern.matches(origin))) {
            return refusing;
        }
        if (byOrigin.size() >= BOUND && !byOrigin.containsKey(origin)) {
            byOrigin.clear();
        }
        return byOrigin.computeIfAbsent(origin, this::support);
    }

    private CorsSupport support(String... allowedOrigins) {
        CrossOriginConfig config = CrossOriginConfig.builder()
                .allowOrigins(allowedOrigins)
                .allowMethods(policy.methods().toArray(String[]::new))
                .allowHeaders(policy.headers().toArray(String[]::new))
                .exposeHeaders(policy.exposedHeaders().toArray(String[]::new))
                .allowCredentials(policy.credentials())
                .maxAgeSeconds(policy.maxAge().toSeconds())
                .build();
        return CorsSupport.builder().name("datafn").addCrossOrigin(config).build();
    }
}
