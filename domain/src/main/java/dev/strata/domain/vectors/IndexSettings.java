package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;

/**
 * Value object: how a collection is indexed — an HNSW graph (the default), IVFFlat lists, or none (exact
 * scans). Bounds follow pgvector's.
 */
public sealed interface IndexSettings {
    /** The wire name of the index type: {@code hnsw}, {@code ivfflat} or {@code none}. */
    String type();

    /** HNSW with pgvector's defaults: {@code m = 16}, {@code efConstruction = 64}. */
    static IndexSettings defaults() {
        return new Hnsw(16, 64);
    }

    static IndexSettings none() {
        return new None();
    }

    /** An HNSW graph; pgvector bounds {@code m} to 2–100 and {@code efConstruction} to 4–1000 and at least {@code 2·m}. */
    record Hnsw(int m, int efConstruction) implements IndexSettings {
        public Hnsw {
            if (m < 2 || m > 100) {
                throw new InvalidInputException("index.m", "index.m must be 2-100");
            }
            if (efConstruction < 4 || efConstruction > 1000 || efConstruction < 2 * m) {
                throw new InvalidInputException("index.efConstruction", "index.efConstruction must be 4-1000 and at least 2 * m");
            }
        }

        @Override
        public String type() {
            return "hnsw";
        }
    }

    /**
     * IVFFlat with {@code lists} inverted lists (1–32768). The lists are trained on the rows present when the
     * index is built, so it is built on an empty table at definition time and recall depends on {@code probes}.
     */
    record IvfFlat(int lists) implements IndexSettings {
        /** pgvector's upper bound for {@code lists}. */
        public static final int MAX_LISTS = 32_768;

        public IvfFlat {
            if (lists < 1 || lists > MAX_LISTS) {
                throw new InvalidInputException("index.lists", "index.lists must be 1-" + MAX_LISTS);
            }
        }

        @Override
        public String type() {
            return "ivfflat";
        }
    }

    /** No index: every search is an exact scan. */
    record None() implements IndexSettings {
        @Override
        public String type() {
            return "none";
        }
    }
}
