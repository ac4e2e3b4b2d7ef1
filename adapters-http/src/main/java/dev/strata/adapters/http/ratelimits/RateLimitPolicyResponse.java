package dev.strata.adapters.http.ratelimits;

import io.micronaut.serde.annotation.Serdeable;

/** A rate-limit policy as answered by {@code PUT /v1/rate-limits/{policy}}. */
@Serdeable
public record RateLimitPolicyResponse(String name, int limit, int windowSeconds, String algorithm) {
}
