package dev.strata.domain.vectors.port;

/**
 * Value of the vectors' shared caches: which state of a collection a cached copy belongs to — the collection's
 * {@code version} (grows with every acknowledged write) and a random {@code token} drawn each time the version is
 * set in the shared store, so that a version set again (after it expired, or by a late seed) never revives copies
 * made under the earlier setting.
 *
 * @param version the collection's version
 * @param token   the random mark of this setting of the version
 */
public record CollectionStamp(long version, long token) {
    public CollectionStamp {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }
}
