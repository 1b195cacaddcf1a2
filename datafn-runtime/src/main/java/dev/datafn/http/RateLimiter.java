package dev.datafn.http;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds each caller to a {@link RateLimit} with one Bucket4j token bucket per (caller, rule), refilled
 * all at once at the end of each window. In-process: each server instance counts on its own.
 */
final class RateLimiter {

    /** The most buckets kept; past it they start over, which only gives callers a fresh window. */
    private static final int BOUND = 100_000;

    private final RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    /**
     * Takes one request from the caller's budget for an endpoint.
     *
     * @param caller the namespace, or the client address
     * @param action the endpoint action
     * @return 0 when the request may proceed; otherwise the seconds until the budget refills
     */
    long take(String caller, String action) {
        RateLimit.Rule rule = limit.ruleFor(action);
        // Endpoints on the default rule share one budget; an endpoint with its own rule has its own.
        String key = (limit.endpoints().containsKey(action) ? action : "*") + '\u0000' + caller;
        if (buckets.size() >= BOUND && !buckets.containsKey(key)) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rule.maxRequests())
                        .refillIntervally(rule.maxRequests(), rule.window()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** @param seconds until the budget refills @return the refusal */
    static DataFnException refusal(long seconds) {
        return new DataFnException(ErrorCode.RATE_LIMITED, "too many requests; retry after " + seconds + " s");
    }
}
