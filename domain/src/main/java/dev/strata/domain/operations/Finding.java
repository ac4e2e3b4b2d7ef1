package dev.strata.domain.operations;

import java.util.Objects;

/**
 * Value object: one alert condition that holds now. {@code id} names the rule (stable: {@code redis.memory},
 * {@code stream.lag}, ...); {@code key} tells apart several findings of one rule (one per consumer group), and is
 * the id itself for system-wide rules; {@code action} says what the operator should do.
 */
public record Finding(String id, String key, Severity severity, String message, String action) {
    public Finding {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(action, "action must not be null");
    }
}
