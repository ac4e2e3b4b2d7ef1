package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Optional;

/** Value object: one search result — the item's id, score (higher is closer), distance, metadata, content and, when asked for, its vector. */
public record SearchHit(VectorId id, double score, double distance, Metadata metadata, Optional<String> content,
                        Optional<Embedding> vector) {
    public SearchHit {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (metadata == null || content == null || vector == null) {
            throw new InvalidInputException("hit", "metadata, content and vector must not be null");
        }
    }
}
