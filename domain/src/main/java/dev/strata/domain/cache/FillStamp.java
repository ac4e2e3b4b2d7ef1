package dev.strata.domain.cache;

/**
 * Value object: what a reader saw of a key's invalidations when it missed a tier, so that filling the
 * tier later can be refused if the key was deleted or invalidated in between (no stale fill).
 */
public record FillStamp(long namespaceEpoch, long keyEpoch) {
}
