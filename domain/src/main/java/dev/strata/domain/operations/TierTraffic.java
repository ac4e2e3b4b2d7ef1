package dev.strata.domain.operations;

/** Value object: lookups of one cache tier on this instance since it started — hits and misses. */
public record TierTraffic(long hits, long misses) {
    public TierTraffic {
        if (hits < 0 || misses < 0) {
            throw new IllegalArgumentException("hits and misses must be >= 0");
        }
    }

    /** hits / (hits + misses), null before any lookup. */
    public Double hitRate() {
        return Ratios.of(hits, misses);
    }
}
