package dev.strata.domain.shared;

import java.util.Objects;

/**
 * Value object: a per-tenant quota — at most {@code limit} of one kind of resource ({@code name}, as
 * configured under {@code strata.quotas.*}) per tenant.
 */
public record Quota(String name, long limit) {
    public Quota {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** True when a tenant that already holds {@code used} of the resource may take one more. */
    public boolean admits(long used) {
        return used < limit;
    }

    /** Throws {@link QuotaExceededException} unless one more fits next to {@code used}. */
    public void check(long used) {
        if (!admits(used)) {
            throw new QuotaExceededException(this);
        }
    }
}
