package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Value object: the settings of a vector collection — name, dimension, metric and index — fixed once created. */
public record Collection(ResourceName name, int dimension, Metric metric, IndexSettings index) {
    /** The largest dimension an HNSW index accepts (pgvector's limit for {@code vector}). */
    public static final int MAX_INDEXED_DIMENSION = 2000;

    public Collection {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        if (metric == null) {
            throw new InvalidInputException("metric", "metric must not be null");
        }
        if (index == null) {
            throw new InvalidInputException("index", "index must not be null");
        }
        if (dimension < 1 || dimension > Embedding.MAX_DIMENSION) {
            throw new InvalidInputException("dimension", "dimension must be 1-" + Embedding.MAX_DIMENSION);
        }
        if (index instanceof IndexSettings.Hnsw && dimension > MAX_INDEXED_DIMENSION) {
            throw new InvalidInputException("dimension",
                    "dimension must be at most " + MAX_INDEXED_DIMENSION + " with an hnsw index (use index type none)");
        }
    }

    /**
     * Checks that items fit this collection: each vector has the collection's dimension, no cosine vector
     * is all zeros, and no id repeats. The error names the item ({@code items[3].vector}), code
     * {@code vectors.dimension_mismatch} for a wrong dimension.
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
    }
}
