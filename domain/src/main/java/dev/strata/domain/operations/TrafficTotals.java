package dev.strata.domain.operations;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Value object: traffic counted over some span — cache lookups per tier, HTTP requests, those answered 5xx, and the
 * latency histogram of the {@code timed} requests (those of routes that answer at once, not long polls) as requests
 * per upper bound (ms; each count is of requests at or below its bound, as a cumulative histogram has them). Totals of one instance since it started, the difference of two such totals (one
 * interval) and the sum of several instances' intervals (the cluster over a window) all have this shape.
 */
public record TrafficTotals(CacheTraffic cache, long requests, long errors5xx, long timed,
                            NavigableMap<Double, Long> latencyAtMost) {
    private static final TierTraffic NO_LOOKUPS = new TierTraffic(0, 0);
    public static final TrafficTotals NONE = new TrafficTotals(new CacheTraffic(NO_LOOKUPS, NO_LOOKUPS, NO_LOOKUPS), 0, 0,
            0, new TreeMap<>());

    public TrafficTotals {
        Objects.requireNonNull(cache, "cache must not be null");
        if (requests < 0 || errors5xx < 0 || timed < 0) {
            throw new IllegalArgumentException("request counts must be >= 0");
        }
        latencyAtMost = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(
                Objects.requireNonNull(latencyAtMost, "latencyAtMost must not be null")));
    }

    /** What happened since {@code earlier} (counters only grow; a bucket missing earlier counts from zero). */
    public TrafficTotals minus(TrafficTotals earlier) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        latencyAtMost.forEach((bound, count) -> buckets.put(bound,
                Math.max(0, count - earlier.latencyAtMost.getOrDefault(bound, 0L))));
        return new TrafficTotals(new CacheTraffic(minus(cache.l1(), earlier.cache.l1()), minus(cache.l2(), earlier.cache.l2()),
                minus(cache.l3(), earlier.cache.l3())), Math.max(0, requests - earlier.requests),
                Math.max(0, errors5xx - earlier.errors5xx), Math.max(0, timed - earlier.timed), buckets);
    }

    /** Both spans together (two intervals, or two instances). */
    public TrafficTotals plus(TrafficTotals other) {
        TreeMap<Double, Long> buckets = new TreeMap<>(latencyAtMost);
        other.latencyAtMost.forEach((bound, count) -> buckets.merge(bound, count, Long::sum));
        return new TrafficTotals(new CacheTraffic(plus(cache.l1(), other.cache.l1()), plus(cache.l2(), other.cache.l2()),
                plus(cache.l3(), other.cache.l3())), requests + other.requests, errors5xx + other.errors5xx, timed + other.timed, buckets);
    }

    /** Nothing was counted. */
    public boolean isEmpty() {
        return requests == 0 && cache.reads() == 0 && cache.l1().misses() == 0 && cache.l2().misses() == 0;
    }

    /**
     * The HTTP figures of this span: requests, 5xx answers and the 95th percentile latency, the upper bound of the
     * first bucket that holds 95 % of the timed requests (null without any, or when it lies beyond the last bound).
     */
    public HttpTraffic http() {
        return new HttpTraffic(requests, errors5xx, p95Ms());
    }

    private Double p95Ms() {
        if (timed == 0) {
            return null;
        }
        double target = 0.95 * timed;
        for (Map.Entry<Double, Long> bucket : latencyAtMost.entrySet()) {
            if (bucket.getValue() >= target) {
                return Math.round(bucket.getKey() * 100) / 100.0;
            }
        }
        return null;
    }

    private static TierTraffic minus(TierTraffic now, TierTraffic earlier) {
        return new TierTraffic(Math.max(0, now.hits() - earlier.hits()), Math.max(0, now.misses() - earlier.misses()));
    }

    private static TierTraffic plus(TierTraffic a, TierTraffic b) {
        return new TierTraffic(a.hits() + b.hits(), a.misses() + b.misses());
    }
}
