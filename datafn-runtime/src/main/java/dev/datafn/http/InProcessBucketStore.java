package dev.datafn.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in this process's memory: each server instance counts on its own. */
final class InProcessBucketStore implements BucketStore {

    /** The most buckets kept; past it they start over, which only gives callers a fresh window. */
    private static final int BOUND = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public ConsumptionProbe take(String key, RateLimit.Rule rule) {
        if (buckets.size() >= BOUND && !buckets.containsKey(key)) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(BucketStore.bandwidth(rule)).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
