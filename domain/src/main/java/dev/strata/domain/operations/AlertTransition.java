package dev.strata.domain.operations;

import java.time.Instant;
import java.util.Objects;

/** Value object: an alert that started ({@code resolved} false) or stopped holding, as delivered to operators, at {@code at}. */
public record AlertTransition(Alert alert, boolean resolved, Instant at) {
    public AlertTransition {
        Objects.requireNonNull(alert, "alert must not be null");
        Objects.requireNonNull(at, "at must not be null");
    }
}
