package dev.strata.adapters.postgres.sessions;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code rate_limit_policies} as the tenant sees it: row-level security scopes every read to the tenant of
 * the transaction, so within it the name identifies the row.
 */
@MappedEntity("rate_limit_policies")
record RateLimitPolicyRow(@Id String name, int maxUnits, int windowSeconds, String algorithm) {
}
