package dev.strata.application.ratelimits.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/** Command: consume {@code cost} units of {@code key} under the named policy. */
public record ConsumeRateLimitCommand(String policy, String key, int cost) {
    public static final int MAX_KEY_LENGTH = 512;
    public static final int MAX_COST = 1000;

    public ConsumeRateLimitCommand {
        ResourceName.of("policy", policy);
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("key", "key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        if (cost < 1 || cost > MAX_COST) {
            throw new InvalidInputException("cost", "cost must be between 1 and " + MAX_COST);
        }
    }
}
