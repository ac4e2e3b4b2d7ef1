package dev.strata.domain.ratelimits;

import java.time.Instant;
import java.util.Objects;

/**
 * Value: one rate-limit decision — allowed or not, the policy's limit, what remains, when the window
 * (or bucket) is whole again, and for a refusal how long to wait before the request could pass.
 */
public record RateDecision(boolean allowed, int limit, int remaining, Instant resetAt, long retryAfterMillis) {
    public RateDecision {
        Objects.requireNonNull(resetAt, "resetAt must not be null");
        remaining = Math.max(0, remaining);
        retryAfterMillis = Math.max(0, retryAfterMillis);
    }
}
