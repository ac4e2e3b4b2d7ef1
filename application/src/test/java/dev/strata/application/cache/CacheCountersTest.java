package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.application.cache.port.CacheStats;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-namespace counts and the hit rate, whose final miss is the last tier a request asked. */
class CacheCountersTest {
    private static final ResourceName NS = new ResourceName("products");
    private final List<String> recorded = new ArrayList<>();
    private final CacheCounters counters = new CacheCounters((tier, result) -> recorded.add(tier + ":" + result), 10);

    @BeforeEach
    void enter() {
        TenantContext.swap(TenantId.random());
    }

    @AfterEach
    void leave() {
        TenantContext.swap(null);
    }

    @Test
    void hitRateCountsTheLastTierAsked() {
        CacheCounters.Counts counts = counters.of(NS);
        counters.count(counts, CacheTier.L1, true);
        counters.count(counts, CacheTier.L1, false);
        counters.count(counts, CacheTier.L2, false);
        counters.count(counts, CacheTier.L3, true);
        counters.count(counts, CacheTier.L1, false);
        counters.count(counts, CacheTier.L2, false);
        counters.count(counts, CacheTier.L3, false);

        CacheStats durable = counters.stats(NS, true, 7);
        assertEquals(2L, durable.hits().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(2L, durable.misses().get(CacheTier.L1));
        assertEquals(2.0 / 3.0, durable.hitRate(), 1e-9, "two hits, one request that missed L3");
        assertEquals(7, durable.l1Size());
        assertEquals(2.0 / 4.0, counters.stats(NS, false, 0).hitRate(), 1e-9, "non-durable: L2 is the last tier");
        assertEquals(0.0, counters.stats(new ResourceName("unused"), true, 0).hitRate());
    }

    @Test
    void everyCountAndSignalGoesToTheMetricsToo() {
        counters.count(counters.of(NS), CacheTier.L1, true);
        counters.count(counters.of(NS), CacheTier.L2, false);
        counters.bypassedL1();
        counters.failed(CacheTier.L2);
        assertEquals(List.of("L1:" + CacheMetrics.Result.HIT, "L2:" + CacheMetrics.Result.MISS,
                "L1:" + CacheMetrics.Result.BYPASS, "L2:" + CacheMetrics.Result.ERROR), recorded);
    }

    @Test
    void countsArePerTenantAndBounded() {
        counters.count(counters.of(NS), CacheTier.L1, true);
        TenantContext.swap(TenantId.random());
        assertEquals(0L, counters.stats(NS, true, 0).hits().get(CacheTier.L1));
        for (int i = 0; i < 100; i++) {
            counters.of(new ResourceName("ns-" + i));
        }
        assertEquals(10, counters.size());
    }
}
