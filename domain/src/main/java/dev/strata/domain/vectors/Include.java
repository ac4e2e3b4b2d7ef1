package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: a part of an item that search hits may carry besides id and score. */
public enum Include {
    METADATA("metadata"),
    CONTENT("content"),
    VECTOR("vector");

    private final String wire;

    Include(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the wire name; anything else is a 400 naming {@code field}. */
    public static Include fromWire(String field, String text) {
        for (Include include : values()) {
            if (include.wire.equals(text)) {
                return include;
            }
        }
        throw new InvalidInputException(field, field + " must be one of metadata, content, vector");
    }
}
