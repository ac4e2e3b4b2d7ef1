package dev.strata.domain.operations;

/** Shared kernel of operations: hit rates as 0..1 fractions, null when there is nothing to divide. */
public final class Ratios {
    private Ratios() {
    }

    /** hits / (hits + misses); null when either is unknown or both are zero. */
    public static Double of(Long hits, Long misses) {
        if (hits == null || misses == null || hits + misses <= 0) {
            return null;
        }
        return (double) hits / (hits + misses);
    }
}
