package dev.datafn.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;

/** Where a {@link RateLimiter}'s token buckets live: one bucket per key, made on first use. */
interface BucketStore extends AutoCloseable {

    /**
     * Takes one token from a bucket.
     *
     * @param key  the bucket's key: rule scope and caller
     * @param rule the bucket's budget, for a bucket not made yet
     * @return whether the token was taken, and otherwise how long until it can be
     * @throws Unavailable when the store cannot be reached
     */
    ConsumptionProbe take(String key, RateLimit.Rule rule);

    /** Lets go of what the store holds open; the in-process store holds nothing. */
    @Override
    default void close() {
    }

    /**
     * @param rule a budget
     * @return its bucket limit: the whole budget at once, refilled all at once at the end of each window
     */
    static Bandwidth bandwidth(RateLimit.Rule rule) {
        return Bandwidth.builder().capacity(rule.maxRequests())
                .refillIntervally(rule.maxRequests(), rule.window()).build();
    }

    /** The store cannot be reached, so the request's budget is unknown. */
    final class Unavailable extends RuntimeException {

        /** @param cause what failed */
        Unavailable(Throwable cause) {
            super(cause);
        }
    }
}
