package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The alert rules at and around each threshold. */
class AlertRulesTest {
    private final AlertRules rules = new AlertRules(AlertThresholds.defaults());
    private static final PoolFigures POOL = new PoolFigures(true, 1, 9, 0, 16);
    private static final CacheTraffic NO_CACHE = new CacheTraffic(new TierTraffic(0, 0), new TierTraffic(0, 0), new TierTraffic(0, 0));
    private static final HttpTraffic NO_HTTP = new HttpTraffic(0, 0, null);
    private static final OutboxFigures NO_OUTBOX = new OutboxFigures(0L, null);

    private static RedisFigures redis(long used, long max, String policy, double pingMs) {
        return new RedisFigures(true, pingMs, used, max, policy, 10L, 1L, 0L, 3L, 5L);
    }

    private Set<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).collect(Collectors.toSet());
    }

    @Test
    void aHealthyClusterRaisesNothing() {
        assertTrue(rules.system(redis(10, 100, "noeviction", 0.4), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX).isEmpty());
        assertTrue(rules.system(redis(10, 0, "volatile-lru", 0.4), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX).isEmpty(),
                "no maxmemory: no ratio; volatile-* evicts only keys with a TTL");
    }

    @Test
    void redisRules() {
        assertEquals(Set.of(AlertRules.REDIS_UNREACHABLE),
                ids(rules.system(RedisFigures.unreachable(), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX)));
        assertEquals(Set.of(AlertRules.REDIS_MEMORY), ids(rules.system(redis(91, 100, "noeviction", 1), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX)));
        assertTrue(rules.system(redis(90, 100, "noeviction", 1), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX).isEmpty(), "at 90 %, not above");
        assertEquals(Set.of(AlertRules.REDIS_PING), ids(rules.system(redis(1, 100, "noeviction", 51), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX)));
        List<Finding> lru = rules.system(redis(1, 100, "allkeys-lru", 1), POOL, NO_CACHE, NO_HTTP, NO_OUTBOX);
        assertEquals(Set.of(AlertRules.REDIS_EVICTION_POLICY), ids(lru));
        assertEquals(Severity.CRITICAL, lru.get(0).severity());
        assertFalse(lru.get(0).action().isBlank());
    }

    @Test
    void poolHttpCacheAndOutboxRules() {
        RedisFigures ok = redis(1, 100, "noeviction", 1);
        assertEquals(Set.of(AlertRules.POOL_WAITING), ids(rules.system(ok, new PoolFigures(true, 16, 0, 2, 16), NO_CACHE, NO_HTTP, NO_OUTBOX)));
        assertEquals(Set.of(AlertRules.POSTGRES_UNREACHABLE), ids(rules.system(ok, PoolFigures.unknown(false), NO_CACHE, NO_HTTP, NO_OUTBOX)));
        CacheTraffic poor = new CacheTraffic(new TierTraffic(30, 70), new TierTraffic(10, 60), new TierTraffic(20, 40));
        assertEquals(Set.of(AlertRules.CACHE_HIT_RATE), ids(rules.system(ok, POOL, poor, NO_HTTP, NO_OUTBOX)));
        CacheTraffic fewPoor = new CacheTraffic(new TierTraffic(1, 9), new TierTraffic(0, 9), new TierTraffic(0, 9));
        assertTrue(rules.system(ok, POOL, fewPoor, NO_HTTP, NO_OUTBOX).isEmpty(), "too few reads to judge");
        assertEquals(Set.of(AlertRules.HTTP_ERRORS), ids(rules.system(ok, POOL, NO_CACHE, new HttpTraffic(1000, 6, 10.0), NO_OUTBOX)));
        assertTrue(rules.system(ok, POOL, NO_CACHE, new HttpTraffic(1000, 5, 10.0), NO_OUTBOX).isEmpty(), "0.5 % is not above 0.5 %");
        assertTrue(rules.system(ok, POOL, NO_CACHE, new HttpTraffic(10, 5, 10.0), NO_OUTBOX).isEmpty(), "too few requests");
        assertEquals(Set.of(AlertRules.HTTP_LATENCY), ids(rules.system(ok, POOL, NO_CACHE, new HttpTraffic(1000, 0, 750.0), NO_OUTBOX)));
        assertEquals(Set.of(AlertRules.OUTBOX_AGE), ids(rules.system(ok, POOL, NO_CACHE, NO_HTTP, new OutboxFigures(4L, 31.0))));
    }

    @Test
    void groupRulesNameTheGroupAndKeyItApart() {
        List<Finding> findings = rules.groups("", List.of(
                new GroupLag("orders", "billing", 1001, 0, 1, 0, null),
                new GroupLag("orders", "audit", 1000, 0, 1, 0, 301L),
                new GroupLag("orders", "idle", 0, 0, 0, 0, null),
                new GroupLag("orders", "nobody", 3, 0, 0, 0, null)));
        assertEquals(3, findings.size(), findings.toString());
        assertEquals(AlertRules.STREAM_LAG, findings.get(0).id());
        assertTrue(findings.get(0).message().contains("billing") && findings.get(0).message().contains("orders"));
        assertEquals(AlertRules.STREAM_PENDING_AGE, findings.get(1).id());
        assertEquals(AlertRules.STREAM_NO_CONSUMER, findings.get(2).id());
        assertTrue(findings.get(2).key().contains("nobody"));
        assertTrue(rules.groups("acme", List.of(new GroupLag("t", "g", 5000, 0, 1, 0, null))).get(0).message().startsWith("acme: "));
    }

    @Test
    void thresholdsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AlertThresholds(1.5, 0.7, 100, 1000,
                java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(50), 0.005,
                java.time.Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> new AlertThresholds(0.9, 0.7, 100, 1000,
                java.time.Duration.ZERO, java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(50), 0.005,
                java.time.Duration.ofMillis(500)));
    }
}
