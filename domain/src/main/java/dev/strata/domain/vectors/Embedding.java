package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Arrays;

/** Value object: a vector of finite floats (no NaN, no infinity), copied in and out so it cannot change. */
public record Embedding(float[] values) {
    /** The largest dimension any collection may have (pgvector's limit for its {@code vector} type). */
    public static final int MAX_DIMENSION = 16_000;

    public Embedding {
        values = check("vector", values);
    }

    /** Checks the values for the argument {@code field} (e.g. {@code items[3].vector}), so the error names it. */
    public static Embedding of(String field, float[] values) {
        return new Embedding(check(field, values));
    }

    public static Embedding of(float... values) {
        return new Embedding(values);
    }

    private static float[] check(String field, float[] values) {
        if (values == null || values.length == 0 || values.length > MAX_DIMENSION) {
            throw new InvalidInputException(field, field + " must have 1-" + MAX_DIMENSION + " components");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(field, field + "[" + i + "] must be a finite number");
            }
        }
        return values.clone();
    }

    /** A copy of the components. */
    @Override
    public float[] values() {
        return values.clone();
    }

    public int dimension() {
        return values.length;
    }

    public float get(int index) {
        return values[index];
    }

    /** True when every component is zero (such a vector has no direction: cosine is undefined). */
    public boolean isZero() {
        for (float value : values) {
            if (value != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Embedding that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Embedding[" + values.length + " dimensions]";
    }
}
