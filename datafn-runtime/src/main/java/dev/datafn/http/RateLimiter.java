package dev.datafn.http;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Holds each caller to a {@link RateLimit} with one Bucket4j token bucket per (caller, rule), refilled
 * all at once at the end of each window, kept where the rate limit's {@link RateLimitBackend} says.
 */
final class RateLimiter implements AutoCloseable {

    private final RateLimit limit;
    private final BucketStore buckets;
    private final boolean failClosed;

    RateLimiter(RateLimit limit) {
        this.limit = limit;
        switch (limit.backend()) {
            case RateLimitBackend.InProcess inProcess -> {
                this.buckets = new InProcessBucketStore();
                this.failClosed = false;
            }
            case RateLimitBackend.Redis redis -> {
                this.buckets = new RedisBucketStore(redis);
                this.failClosed = redis.refusesWhenUnreachable();
            }
        }
    }

    /**
     * Takes one request from the caller's budget for an endpoint.
     *
     * @param caller the namespace, or the client address
     * @param action the endpoint action
     * @return 0 when the request may proceed; otherwise the seconds until the budget refills
     * @throws DataFnException {@code SERVICE_UNAVAILABLE} when the buckets cannot be reached and the backend
     *                         fails closed
     */
    long take(String caller, String action) {
        // Endpoints on the default rule share one budget; an endpoint with its own rule has its own.
        String key = (limit.endpoints().containsKey(action) ? action : "*") + ':' + caller;
        ConsumptionProbe probe;
        try {
            probe = buckets.take(key, limit.ruleFor(action));
        } catch (BucketStore.Unavailable e) {
            if (failClosed) {
                throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE,
                        "the rate limit cannot be checked right now; retry later");
            }
            return 0;
        }
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Lets go of the bucket store's connections. */
    @Override
    public void close() {
        buckets.close();
    }

    /** @param seconds until the budget refills @return the refusal */
    static DataFnException refusal(long seconds) {
        return new DataFnException(ErrorCode.RATE_LIMITED, "too many requests; retry after " + seconds + " s");
    }
}
