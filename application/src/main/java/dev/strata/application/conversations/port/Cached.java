package dev.strata.application.conversations.port;

import java.util.Objects;

/** Result of a cached read: the value, and whether the cache answered it ({@code hit}) or Postgres did. */
public record Cached<T>(T value, boolean hit) {
    public Cached {
        Objects.requireNonNull(value, "value must not be null");
    }
}
