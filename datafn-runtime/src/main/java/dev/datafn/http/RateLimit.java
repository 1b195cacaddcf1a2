package dev.datafn.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 000's {@code rateLimit}: at most {@code maxRequests} requests per {@code window} for each namespace
 * (each client address when requests have no namespace provider), with per-endpoint rules that replace
 * the default for their endpoint. A request over its budget is answered 429 {@code RATE_LIMITED} with
 * {@code Retry-After}, before its body is read.
 *
 * <pre>{@code
 * RateLimit.of(100, Duration.ofSeconds(60))
 *     .endpoint("mutation", 50, Duration.ofSeconds(60))
 *     .backend(RateLimitBackend.redis(URI.create("redis://redis:6379"), "todo:ratelimit:"));
 * }</pre>
 *
 * @param rule      the default rule
 * @param endpoints rules by endpoint action ({@code query}, {@code mutation}, {@code pull}, ...)
 * @param backend   where the buckets live: {@link RateLimitBackend#inProcess()} (the default) or Redis,
 *                  shared by every instance that uses it
 */
public record RateLimit(Rule rule, Map<String, Rule> endpoints, RateLimitBackend backend) {

    /** Copies the endpoint rules. */
    public RateLimit {
        Objects.requireNonNull(rule, "rule");
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(backend, "backend");
    }

    /**
     * @param maxRequests requests allowed per window
     * @param window      the window
     * @return a rate limit with that default rule and no endpoint rules, counted in process
     */
    public static RateLimit of(int maxRequests, Duration window) {
        return new RateLimit(new Rule(maxRequests, window), Map.of(), RateLimitBackend.inProcess());
    }

    /**
     * @param action      an endpoint action, e.g. {@code mutation}
     * @param maxRequests requests allowed per window on it
     * @param window      its window
     * @return this rate limit with a rule of its own for that endpoint
     */
    public RateLimit endpoint(String action, int maxRequests, Duration window) {
        java.util.Map<String, Rule> more = new java.util.HashMap<>(endpoints);
        more.put(action, new Rule(maxRequests, window));
        return new RateLimit(rule, more, backend);
    }

    /**
     * @param backend where the buckets live, e.g. {@link RateLimitBackend#redis(java.net.URI, String)} for a
     *                budget shared by every instance
     * @return this rate limit with its buckets there
     */
    public RateLimit backend(RateLimitBackend backend) {
        return new RateLimit(rule, endpoints, backend);
    }

    /** @param action an endpoint action @return the rule it is held to */
    Rule ruleFor(String action) {
        return endpoints.getOrDefault(action, rule);
    }

    /**
     * One budget.
     *
     * @param maxRequests requests allowed per window, at least 1
     * @param window      the window, at least a second
     */
    public record Rule(int maxRequests, Duration window) {

        /** Checks the budget. */
        public Rule {
            if (maxRequests < 1) {
                throw new IllegalArgumentException("rateLimit maxRequests must be at least 1");
            }
            if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("rateLimit windowSeconds must be at least 1");
            }
        }
    }
}
