package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: how the wait before a retry grows — doubling from the base, or always the base. */
public enum BackoffType {
    EXPONENTIAL, FIXED;

    public String wire() {
        return this == EXPONENTIAL ? "exponential" : "fixed";
    }

    /** Parses a wire name; an unknown one is an {@link InvalidInputException} naming {@code backoff.type}. */
    public static BackoffType fromWire(String text) {
        if ("exponential".equals(text)) {
            return EXPONENTIAL;
        }
        if ("fixed".equals(text)) {
            return FIXED;
        }
        throw new InvalidInputException("backoff.type", "backoff.type must be exponential or fixed");
    }
}
