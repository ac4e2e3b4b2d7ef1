package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Value object: how a collection measures distance. Distances follow pgvector's operators
 * ({@code <=>}, {@code <->}, {@code <#>}); scores grow with similarity so results sort highest first.
 */
public enum Metric {
    /** Cosine distance {@code 1 - cos}; score {@code 1 - distance}. */
    COSINE("cosine"),
    /** Euclidean distance; score {@code -distance}. */
    L2("l2"),
    /** Negative inner product as distance; score is the inner product itself. */
    INNER_PRODUCT("inner_product");

    private final String wire;

    Metric(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the wire name; anything else is a 400 naming {@code field}. */
    public static Metric fromWire(String field, String text) {
        for (Metric metric : values()) {
            if (metric.wire.equals(text)) {
                return metric;
            }
        }
        throw new InvalidInputException(field, field + " must be one of "
                + Arrays.stream(values()).map(Metric::wire).collect(Collectors.joining(", ")));
    }

    /** The distance between two embeddings of the same dimension. */
    public double distance(Embedding a, Embedding b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("dimensions differ: " + a.dimension() + " and " + b.dimension());
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        double squares = 0;
        for (int i = 0; i < a.dimension(); i++) {
            double x = a.get(i);
            double y = b.get(i);
            dot += x * y;
            normA += x * x;
            normB += y * y;
            squares += (x - y) * (x - y);
        }
        return switch (this) {
            case COSINE -> 1.0 - dot / (Math.sqrt(normA) * Math.sqrt(normB));
            case L2 -> Math.sqrt(squares);
            case INNER_PRODUCT -> -dot;
        };
    }

    /** The score reported for a distance: higher is more similar. */
    public double score(double distance) {
        return switch (this) {
            case COSINE -> 1.0 - distance;
            case L2, INNER_PRODUCT -> -distance;
        };
    }
}
