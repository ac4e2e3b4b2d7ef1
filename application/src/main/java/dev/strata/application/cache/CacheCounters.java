package dev.strata.application.cache;

import dev.strata.application.cache.port.CacheStats;
import dev.strata.application.shared.BoundedMap;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.cache.port.CacheMetrics.Result;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hits and misses per tier of each (tenant, namespace) on this instance, for the stats use case, each also
 * recorded on the metrics port. Per instance: counting in Redis would put a round trip on every L1 hit.
 */
final class CacheCounters {
    /** One namespace's counts, per tier. */
    static final class Counts {
        private final LongAdder[] hits = {new LongAdder(), new LongAdder(), new LongAdder()};
        private final LongAdder[] misses = {new LongAdder(), new LongAdder(), new LongAdder()};
    }

    private record Scoped(TenantId tenant, ResourceName namespace) {
    }

    private final CacheMetrics metrics;
    // bounded: any request naming a new namespace adds an entry, so a tenant inventing names must not grow it
    private final BoundedMap<Scoped, Counts> counts;

    CacheCounters(CacheMetrics metrics, int maxTracked) {
        this.metrics = metrics;
        this.counts = new BoundedMap<>(maxTracked);
    }

    /** The current tenant's counts of the namespace. */
    Counts of(ResourceName namespace) {
        return counts.computeIfAbsent(new Scoped(TenantContext.require(), namespace), s -> new Counts());
    }

    void count(Counts counts, CacheTier tier, boolean hit) {
        (hit ? counts.hits : counts.misses)[tier.ordinal()].increment();
        metrics.record(tier, hit ? Result.HIT : Result.MISS);
    }

    /** L1 was passed over (not trusted for a durable namespace); a metric only. */
    void bypassedL1() {
        metrics.record(CacheTier.L1, Result.BYPASS);
    }

    /** The tier could not be asked; a metric only. */
    void failed(CacheTier tier) {
        metrics.record(tier, Result.ERROR);
    }

    /**
     * The current tenant's stats of the namespace. A request misses overall only when the last tier it asked
     * missed: L3 for durable namespaces, L2 otherwise.
     */
    CacheStats stats(ResourceName namespace, boolean durable, long l1Entries) {
        Counts counted = of(namespace);
        Map<CacheTier, Long> hits = new EnumMap<>(CacheTier.class);
        Map<CacheTier, Long> misses = new EnumMap<>(CacheTier.class);
        long totalHits = 0;
        for (CacheTier tier : CacheTier.values()) {
            hits.put(tier, counted.hits[tier.ordinal()].sum());
            misses.put(tier, counted.misses[tier.ordinal()].sum());
            totalHits += hits.get(tier);
        }
        long finalMisses = durable ? misses.get(CacheTier.L3) : misses.get(CacheTier.L2);
        double hitRate = totalHits + finalMisses == 0 ? 0.0 : (double) totalHits / (totalHits + finalMisses);
        return new CacheStats(hits, misses, hitRate, l1Entries);
    }

    int size() {
        return counts.size();
    }
}
