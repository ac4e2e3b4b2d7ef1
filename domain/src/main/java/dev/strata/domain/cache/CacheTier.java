package dev.strata.domain.cache;

/** Value object: the tier that answered a read — L1 in-process memory, L2 Redis, L3 Postgres. */
public enum CacheTier {
    L1, L2, L3
}
