package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Value object: the settings of a vector collection — name, dimension (1–16000), metric and index — fixed once
 * defined. The storage type follows from the dimension: {@code halfvec} above 2000 dimensions (so HNSW and
 * IVFFlat still work up to 4000), {@code vector} otherwise.
 */
public record CollectionDefinition(ResourceName name, int dimension, Metric metric, IndexSettings index) {
    /** The largest dimension an HNSW or IVFFlat index accepts (pgvector's limit for {@code halfvec}). */
    public static final int MAX_INDEXED_DIMENSION = 4000;

    public CollectionDefinition {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        if (metric == null) {
            throw new InvalidInputException("metric", "metric must be one of cosine, l2, inner_product");
        }
        if (index == null) {
            throw new InvalidInputException("index", "index must not be null");
        }
        if (dimension < 1 || dimension > Embedding.MAX_DIMENSION) {
            throw new InvalidInputException("dimension", "dimension must be 1-" + Embedding.MAX_DIMENSION);
        }
        if (!(index instanceof IndexSettings.None) && dimension > MAX_INDEXED_DIMENSION) {
            throw new InvalidInputException("dimension", "dimension must be at most " + MAX_INDEXED_DIMENSION
                    + " with an " + index.type() + " index (use index type none for exact search)");
        }
    }

    /** The defaults: an HNSW index with m 16 and efConstruction 64. */
    public static CollectionDefinition of(ResourceName name, int dimension, Metric metric) {
        return new CollectionDefinition(name, dimension, metric, IndexSettings.defaults());
    }

    /** How the vectors are stored: {@code halfvec} above 2000 dimensions, {@code vector} otherwise. */
    public StorageType storage() {
        return StorageType.forDimension(dimension);
    }

    /**
     * Checks that items fit this collection: each vector has the collection's dimension, no cosine vector
     * is all zeros, half-precision components are in range, and no id repeats. The error names the item
     * ({@code items[3].vector}), code {@code vectors.dimension_mismatch} for a wrong dimension.
     */
    public void checkItems(List<VectorItem> items) {
        if (items == null) {
            throw new InvalidInputException("items", "items must not be null");
        }
        Set<VectorId> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            VectorItem item = items.get(i);
            if (item == null) {
                throw new InvalidInputException("items[" + i + "]", "items[" + i + "] must not be null");
            }
            checkVector("items[" + i + "].vector", item.vector());
            if (!seen.add(item.id())) {
                throw new InvalidInputException("items[" + i + "].id", "items[" + i + "].id repeats an earlier id");
            }
        }
    }

    /** Checks a query or item vector against this collection, naming {@code field} in the error. */
    public void checkVector(String field, Embedding vector) {
        if (vector.dimension() != dimension) {
            throw new InvalidInputException("vectors.dimension_mismatch", field,
                    field + " has dimension " + vector.dimension() + ", the collection " + dimension);
        }
        if (metric == Metric.COSINE && vector.isZero()) {
            throw new InvalidInputException(field, field + " must not be all zeros with metric cosine");
        }
        if (storage() == StorageType.HALFVEC) {
            for (int i = 0; i < vector.dimension(); i++) {
                if (Math.abs(vector.get(i)) > StorageType.HALF_MAX) {
                    throw new InvalidInputException(field, field + "[" + i + "] must lie within ±"
                            + (int) StorageType.HALF_MAX + " (half-precision storage)");
                }
            }
        }
    }
}
