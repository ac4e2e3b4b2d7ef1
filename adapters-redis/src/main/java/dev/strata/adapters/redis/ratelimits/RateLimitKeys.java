package dev.strata.adapters.redis.ratelimits;

import dev.strata.domain.shared.TenantContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Key codec of the rate-limits area. The counters keep the {@code strata:{tenant}:sessions:rl:} prefix they
 * had before rate limits were an area of their own, so that running counters carry over an upgrade.
 */
final class RateLimitKeys {
    private RateLimitKeys() {
    }

    /** A rate-limit counter: policy name (a resource name) and the caller's key (any text, encoded). */
    static String rateLimit(String policy, String algorithm, String key) {
        // the algorithm is part of the key: a policy switched to the other algorithm starts afresh, never
        // meeting a value of the other type
        return "strata:{" + TenantContext.require() + "}:sessions:rl:" + policy + ":" + algorithm + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
