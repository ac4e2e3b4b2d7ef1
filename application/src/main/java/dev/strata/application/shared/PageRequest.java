package dev.strata.application.shared;

import dev.strata.domain.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Paging input of list queries: limit 1–500 (default 50) and an opaque cursor. */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** Builds a request from optional wire values. */
    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
    }

    /** Encodes a position as an opaque cursor. */
    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the cursor back to a position; a cursor that was not made by {@link #encode} is a 400. */
    public Optional<String> position() {
        return cursor.map(c -> {
            try {
                return new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("cursor", "cursor is not valid");
            }
        });
    }
}
