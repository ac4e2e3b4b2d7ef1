package dev.strata.domain.operations;

/** Value object: the Postgres connection pool of this instance — connections in use, idle, threads waiting, the cap. */
public record PoolFigures(boolean up, Integer active, Integer idle, Integer waiting, Integer max) {
    /** Nothing known about the pool. */
    public static PoolFigures unknown(boolean up) {
        return new PoolFigures(up, null, null, null, null);
    }
}
