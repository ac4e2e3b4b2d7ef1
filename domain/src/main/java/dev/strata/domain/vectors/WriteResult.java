package dev.strata.domain.vectors;

/**
 * Value object: what a write to a collection did — how many items it upserted or deleted, and the collection's
 * version after it (grown in the write's own transaction when {@code count > 0}, unchanged otherwise).
 */
public record WriteResult(int count, long version) {
    public WriteResult {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
