package dev.strata.domain.operations;

import java.util.Objects;

/** Value object: cache lookups per tier on this instance (L1 in-process, L2 Redis, L3 Postgres). */
public record CacheTraffic(TierTraffic l1, TierTraffic l2, TierTraffic l3) {
    public CacheTraffic {
        Objects.requireNonNull(l1, "l1 must not be null");
        Objects.requireNonNull(l2, "l2 must not be null");
        Objects.requireNonNull(l3, "l3 must not be null");
    }

    /**
     * Share of reads served by some tier: a read misses overall only when the last tier it reached missed, so it is
     * (all hits) / (all hits + L3 misses); null before any lookup.
     */
    public Double overallHitRate() {
        long hits = l1.hits() + l2.hits() + l3.hits();
        return Ratios.of(hits, l3.misses());
    }

    /** Reads that reached the cache at all (each read ends in a hit somewhere or an L3 miss). */
    public long reads() {
        return l1.hits() + l2.hits() + l3.hits() + l3.misses();
    }
}
