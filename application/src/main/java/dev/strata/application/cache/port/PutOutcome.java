package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheEntry;

/** Result of a put: stored, or refused because the ETag did not match or the lease was voided. */
public sealed interface PutOutcome {
    /** Stored in every tier that could take it; {@code entry} carries the new ETag and expiry. */
    record Stored(CacheEntry entry) implements PutOutcome {
    }

    /** {@code If-Match} did not hold: nothing stored. */
    record EtagMismatch() implements PutOutcome {
    }

    /** The lease was spent, expired, unknown, voided by a delete or invalidation, or cannot be checked: nothing stored. */
    record LeaseRefused() implements PutOutcome {
    }
}
