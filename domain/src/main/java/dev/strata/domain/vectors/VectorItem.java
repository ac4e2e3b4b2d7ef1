package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Optional;

/** Entity: one item of a collection — id, embedding, flat metadata and optional text content (for text search). */
public record VectorItem(VectorId id, Embedding vector, Metadata metadata, Optional<String> content) {
    /** The longest content, in characters. */
    public static final int MAX_CONTENT_LENGTH = 65_536;

    public VectorItem {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (vector == null) {
            throw new InvalidInputException("vector", "vector must not be null");
        }
        if (metadata == null) {
            throw new InvalidInputException("metadata", "metadata must not be null");
        }
        if (content == null) {
            throw new InvalidInputException("content", "content must not be null (use Optional.empty())");
        }
        if (content.isPresent() && content.get().length() > MAX_CONTENT_LENGTH) {
            throw new InvalidInputException("content", "content must be at most " + MAX_CONTENT_LENGTH + " characters");
        }
        if (content.isPresent() && content.get().indexOf('\0') >= 0) {
            throw new InvalidInputException("content", "content must not contain the character U+0000");
        }
    }

    public static VectorItem of(VectorId id, Embedding vector) {
        return new VectorItem(id, vector, Metadata.EMPTY, Optional.empty());
    }
}
