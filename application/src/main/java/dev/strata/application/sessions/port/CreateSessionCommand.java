package dev.strata.application.sessions.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import java.util.Objects;
import java.util.Optional;

/** Command: start a session for a user of the tenant's own system; {@code data} is JSON bytes. */
public record CreateSessionCommand(UserId userId, Optional<byte[]> data, Optional<Long> ttlSeconds) {
    public static final long MAX_TTL_SECONDS = 366L * 86_400;

    public CreateSessionCommand {
        Objects.requireNonNull(userId, "userId must not be null");
        data = data == null ? Optional.empty() : data.map(byte[]::clone);
        ttlSeconds = ttlSeconds == null ? Optional.empty() : ttlSeconds;
        if (ttlSeconds.isPresent() && (ttlSeconds.get() < 1 || ttlSeconds.get() > MAX_TTL_SECONDS)) {
            throw new InvalidInputException("ttlSeconds", "ttlSeconds must be between 1 and " + MAX_TTL_SECONDS);
        }
    }
}
