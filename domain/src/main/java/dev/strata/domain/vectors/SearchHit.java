package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Value object: one search result — the item's id, its score (higher is better), its distance to the query
 * vector (absent when the hit came from text ranking alone), and the parts the query asked to include.
 */
public record SearchHit(VectorId id, double score, OptionalDouble distance, Optional<Metadata> metadata,
                        Optional<String> content, Optional<Embedding> vector) {
    public SearchHit {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (distance == null || metadata == null || content == null || vector == null) {
            throw new InvalidInputException("hit", "distance, metadata, content and vector must not be null");
        }
    }

    /** This hit with another score (fusion re-scores hits). */
    public SearchHit withScore(double newScore) {
        return new SearchHit(id, newScore, distance, metadata, content, vector);
    }
}
