package dev.strata.domain.ratelimits;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Objects;

/** Value object: a named rate-limit policy — at most {@code limit} units per {@code windowSeconds}. */
public record RateLimitPolicy(String name, int limit, int windowSeconds, RateLimitAlgorithm algorithm) {
    /** Bounds that keep one decision cheap and the arithmetic exact. */
    public static final int MAX_LIMIT = 1_000_000;
    public static final int MAX_WINDOW_SECONDS = 86_400 * 31;

    public RateLimitPolicy {
        if (name == null) {
            throw new InvalidInputException("policy", "policy must not be null");
        }
        ResourceName.of("policy", name);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
            throw new InvalidInputException("windowSeconds", "windowSeconds must be between 1 and " + MAX_WINDOW_SECONDS);
        }
        Objects.requireNonNull(algorithm, "algorithm must not be null");
    }
}
