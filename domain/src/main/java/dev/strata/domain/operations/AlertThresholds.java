package dev.strata.domain.operations;

import java.time.Duration;

/**
 * Value object: where each alert rule fires. Rates are 0..1; rate rules judge only once {@code minRequests}
 * lookups or requests were seen (a handful of misses after a start says nothing).
 *
 * @param redisMemoryRatio  used / max memory above which Redis is near its limit (0.9)
 * @param hitRate           cache hit rate below which the cache is not doing its job (0.7)
 * @param minRequests       lookups / requests needed before a rate rule judges (100)
 * @param consumerLag       events not yet delivered to a group above which it lags (1000)
 * @param oldestPending     age of the oldest unacknowledged delivery above which a consumer is stuck (5 min)
 * @param outboxAge         age of the oldest unrelayed event above which the relay is behind (30 s)
 * @param redisPing         PING latency above which Redis is slow (50 ms)
 * @param http5xxRate       share of 5xx answers above which the service is failing (0.005)
 * @param httpP95           95th percentile latency above which the service is slow (500 ms)
 */
public record AlertThresholds(double redisMemoryRatio, double hitRate, long minRequests, long consumerLag,
                              Duration oldestPending, Duration outboxAge, Duration redisPing, double http5xxRate,
                              Duration httpP95) {
    public AlertThresholds {
        requireFraction("redisMemoryRatio", redisMemoryRatio);
        requireFraction("hitRate", hitRate);
        requireFraction("http5xxRate", http5xxRate);
        if (minRequests < 0 || consumerLag < 0) {
            throw new IllegalArgumentException("minRequests and consumerLag must be >= 0");
        }
        requirePositive("oldestPending", oldestPending);
        requirePositive("outboxAge", outboxAge);
        requirePositive("redisPing", redisPing);
        requirePositive("httpP95", httpP95);
    }

    /** The documented defaults. */
    public static AlertThresholds defaults() {
        return new AlertThresholds(0.9, 0.7, 100, 1000, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMillis(50), 0.005, Duration.ofMillis(500));
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
