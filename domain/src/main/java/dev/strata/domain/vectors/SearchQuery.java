package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Value object: a similarity search — the query vector, how many hits ({@code k}, 1–1000), a metadata
 * filter, an optional minimum score, an optional HNSW {@code efSearch} (1–1000), and whether hits carry
 * their vectors.
 */
public record SearchQuery(Embedding vector, int k, MetadataFilter filter, OptionalDouble minScore,
                          OptionalInt efSearch, boolean includeVectors) {
    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 1000;

    public SearchQuery {
        if (vector == null) {
            throw new InvalidInputException("vector", "vector must not be null");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidInputException("k", "k must be 1-" + MAX_K);
        }
        if (filter == null) {
            throw new InvalidInputException("filter", "filter must not be null");
        }
        if (minScore == null || (minScore.isPresent() && !Double.isFinite(minScore.getAsDouble()))) {
            throw new InvalidInputException("minScore", "minScore must be a finite number when given");
        }
        if (efSearch == null || (efSearch.isPresent() && (efSearch.getAsInt() < 1 || efSearch.getAsInt() > 1000))) {
            throw new InvalidInputException("efSearch", "efSearch must be 1-1000 when given");
        }
    }

    /** The {@code k} nearest items, unfiltered, without vectors. */
    public static SearchQuery nearest(Embedding vector, int k) {
        return new SearchQuery(vector, k, MetadataFilter.NONE, OptionalDouble.empty(), OptionalInt.empty(), false);
    }

    public SearchQuery withFilter(MetadataFilter newFilter) {
        return new SearchQuery(vector, k, newFilter, minScore, efSearch, includeVectors);
    }

    public SearchQuery withMinScore(double score) {
        return new SearchQuery(vector, k, filter, OptionalDouble.of(score), efSearch, includeVectors);
    }

    public SearchQuery withVectors() {
        return new SearchQuery(vector, k, filter, minScore, efSearch, true);
    }
}
