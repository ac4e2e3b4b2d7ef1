package dev.strata.domain.ratelimits;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Arrays;

/** Value object: how a rate-limit policy counts, as written on the wire. */
public enum RateLimitAlgorithm {
    SLIDING_WINDOW("sliding-window"),
    TOKEN_BUCKET("token-bucket");

    private final String wire;

    RateLimitAlgorithm(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses a wire name; unknown names are a 400 naming {@code algorithm}. */
    public static RateLimitAlgorithm fromWire(String text) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(text)).findFirst()
                .orElseThrow(() -> new InvalidInputException("algorithm", "algorithm must be sliding-window or token-bucket"));
    }
}
