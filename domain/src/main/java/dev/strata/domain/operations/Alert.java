package dev.strata.domain.operations;

import java.time.Instant;
import java.util.Objects;

/** Value object: a finding as reported, with the instant it was first seen to hold. */
public record Alert(Finding finding, Instant since) {
    public Alert {
        Objects.requireNonNull(finding, "finding must not be null");
        Objects.requireNonNull(since, "since must not be null");
    }
}
