package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Value object: one page of a queue's jobs in one state, oldest first, and the cursor of the next page if any. */
public record JobPage(List<Job> jobs, Optional<String> nextCursor) {
    public JobPage {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(nextCursor, "nextCursor must not be null");
    }

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /** Checks a page size: 1..{@value #MAX_LIMIT}; names {@code limit}. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be 1.." + MAX_LIMIT);
        }
        return limit;
    }

    /** The opaque cursor of the page that follows the job at {@code position} (a store's ordering number). */
    public static String cursorAfter(long position) {
        return Long.toString(position, 36);
    }

    /** The position a cursor stands for; a cursor no store issued is an {@link InvalidInputException} naming {@code cursor}. */
    public static long position(String cursor) {
        try {
            long position = Long.parseLong(Objects.requireNonNull(cursor), 36);
            if (position < 0) {
                throw new NumberFormatException("negative");
            }
            return position;
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException("cursor", "cursor is not one this API issued");
        }
    }
}
