package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: how a search ranks — by vector distance, by full-text rank, or by both fused (reciprocal rank fusion). */
public enum SearchMode {
    /** Nearest vectors by the collection's metric. */
    VECTOR("vector"),
    /** Full-text search on the items' content, ranked by relevance. */
    TEXT("text"),
    /** Reciprocal rank fusion of the vector and the text rankings. */
    HYBRID("hybrid");

    private final String wire;

    SearchMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the wire name; anything else is a 400 naming {@code field}. */
    public static SearchMode fromWire(String field, String text) {
        for (SearchMode mode : values()) {
            if (mode.wire.equals(text)) {
                return mode;
            }
        }
        throw new InvalidInputException(field, field + " must be one of vector, text, hybrid");
    }
}
