package dev.strata.adapters.http.ratelimits;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A rate-limit decision: 200 when allowed, 429 with the same body when not. */
@Serdeable
public record RateDecisionResponse(boolean allowed, int limit, int remaining, Instant resetAt) {
}
