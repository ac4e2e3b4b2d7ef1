package dev.strata.application.events.port;

import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;

/** Command: deliver up to {@code count} (1–1000) events of the group to {@code consumer}, waiting up to {@code blockMs} (0–30000). */
public record ReadGroupCommand(Topic topic, GroupName group, ConsumerName consumer, int count, long blockMs) {
    public static final int MAX_COUNT = 1000;
    public static final long MAX_BLOCK_MS = 30_000;

    public ReadGroupCommand {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(consumer, "consumer must not be null");
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "count must be between 1 and " + MAX_COUNT);
        }
        if (blockMs < 0 || blockMs > MAX_BLOCK_MS) {
            throw new InvalidInputException("blockMs", "blockMs must be between 0 and " + MAX_BLOCK_MS);
        }
    }
}
