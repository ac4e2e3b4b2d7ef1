package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/** Value object: how far a running job has come, 0..100 per cent, with an optional short message. */
public record Progress(int percent, Optional<String> message) {
    /** The longest progress message, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 500;
    public static final Progress NONE = new Progress(0, Optional.empty());

    public Progress {
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("progress", "progress must be 0..100");
        }
        Objects.requireNonNull(message, "message must not be null");
        if (message.isPresent() && message.get().length() > MAX_MESSAGE_LENGTH) {
            throw new InvalidInputException("progress.message",
                    "progress.message must be at most " + MAX_MESSAGE_LENGTH + " characters");
        }
    }

    public static Progress of(int percent, String message) {
        return new Progress(percent, Optional.ofNullable(message));
    }
}
