package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Optional;
import java.util.UUID;

/** Value object: the identity of a job (a random UUID). */
public record JobId(UUID value) {
    public JobId {
        if (value == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses an id from a path; empty when malformed, so that callers can answer 404 as for an unknown id. */
    public static Optional<JobId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JobId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
