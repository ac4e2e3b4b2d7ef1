package dev.strata.application.shared;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Result of a list use case: one page of items and the opaque cursor of the next page, if any. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items must not be null"));
        Objects.requireNonNull(nextCursor, "nextCursor must not be null");
    }
}
