package dev.datafn.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which web pages of other origins may call the DataFn endpoints from a browser (CORS), for
 * {@link DataFnHttp.Builder#cors(CorsPolicy)}; without one (the default) no cross-origin headers are sent and
 * {@code OPTIONS} is not answered.
 *
 * <pre>{@code
 * CorsPolicy.allowOrigins("https://todo.example.com", "http://localhost:*")
 *     .allowHeaders("Authorization", "Content-Type", "X-Request-Id")
 *     .maxAge(Duration.ofHours(1))
 * }</pre>
 *
 * <p>With a policy, the service answers preflight {@code OPTIONS} requests on every route, generated REST
 * routes included, before authentication and rate limits (a browser sends no credentials with a preflight,
 * and a preflight takes nothing from anyone's budget); and adds {@code Access-Control-Allow-Origin} to every
 * answer to an allowed origin, errors such as 401 and 429 included. A request from any other origin gets no
 * CORS headers: its preflight is refused 403, and so is the request itself, before anything else, so a page
 * of another site cannot even send a simple request (a form post) through. Requests without {@code Origin}
 * and same-origin requests are not affected. Helidon's CORS support does the protocol work.
 *
 * @param origins        allowed origins: exact ({@code https://todo.example.com}), with a wildcard port
 *                       ({@code http://localhost:*}) or wildcard subdomains ({@code https://*.example.com}), or
 *                       {@code *} for any origin (not with credentials)
 * @param methods        methods a page may use (default {@link #DEFAULT_METHODS}: those of the DataFn routes)
 * @param headers        request headers a page may send (default {@link #DEFAULT_HEADERS})
 * @param exposedHeaders answer headers a page may read besides the simple ones (default
 *                       {@link #DEFAULT_EXPOSED_HEADERS}, so a client sees how long to wait after a 429)
 * @param credentials    whether a page may send cookies or HTTP authentication (default false: DataFn's
 *                       bearer token is an ordinary header)
 * @param maxAge         how long a browser may cache a preflight answer (default {@link #DEFAULT_MAX_AGE})
 */
public record CorsPolicy(List<String> origins, List<String> methods, List<String> headers,
        List<String> exposedHeaders, boolean credentials, Duration maxAge) {

    /** The methods of the DataFn routes. */
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** The bearer token and the JSON body's type. */
    public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Content-Type");
    /** When to retry after a 429 or 503, and how to authenticate after a 401. */
    public static final List<String> DEFAULT_EXPOSED_HEADERS = List.of("Retry-After", "WWW-Authenticate");
    /** Ten minutes: browsers ask again soon after the policy changes. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    /** Checks every origin and the combination of {@code *} with credentials, which would let any site in. */
    public CorsPolicy {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        exposedHeaders = List.copyOf(exposedHeaders);
        Objects.requireNonNull(maxAge, "maxAge");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("a CORS policy needs at least one allowed origin");
        }
        boolean anyOrigin = origins.stream().map(OriginPattern::parse).anyMatch(OriginPattern::anyOrigin);
        if (anyOrigin && credentials) {
            throw new IllegalArgumentException(
                    "a CORS policy with credentials must name its origins; '*' would let every site in with them");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a CORS policy needs at least one allowed method");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("a CORS policy's maxAge cannot be negative");
        }
    }

    /**
     * @param origins allowed origins: exact ({@code https://todo.example.com}), with a wildcard port
     *                ({@code http://localhost:*}) or wildcard subdomains ({@code https://*.example.com}), or
     *                {@code *}
     * @return a policy allowing them, with the defaults for everything else
     * @throws IllegalArgumentException when one is not an origin
     */
    public static CorsPolicy allowOrigins(String... origins) {
        return new CorsPolicy(List.of(origins), DEFAULT_METHODS, DEFAULT_HEADERS, DEFAULT_EXPOSED_HEADERS, false,
                DEFAULT_MAX_AGE);
    }

    /** @param allowed the methods a page may use @return this policy allowing exactly those */
    public CorsPolicy allowMethods(String... allowed) {
        return new CorsPolicy(origins, List.of(allowed), headers, exposedHeaders, credentials, maxAge);
    }

    /** @param allowed the request headers a page may send @return this policy allowing exactly those */
    public CorsPolicy allowHeaders(String... allowed) {
        return new CorsPolicy(origins, methods, List.of(allowed), exposedHeaders, credentials, maxAge);
    }

    /** @param exposed the answer headers a page may read @return this policy exposing exactly those */
    public CorsPolicy exposeHeaders(String... exposed) {
        return new CorsPolicy(origins, methods, headers, List.of(exposed), credentials, maxAge);
    }

    /** @param allowed whether pages may send cookies or HTTP authentication @return this policy so */
    public CorsPolicy allowCredentials(boolean allowed) {
        return new CorsPolicy(origins, methods, headers, exposedHeaders, allowed, maxAge);
    }

    /** @param age how long a browser may cache a preflight answer @return this policy so */
    public CorsPolicy maxAge(Duration age) {
        return new CorsPolicy(origins, methods, headers, exposedHeaders, credentials, age);
    }
}
