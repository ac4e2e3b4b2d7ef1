package dev.strata.domain.sessions;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Entity: a user's session — its data as raw JSON bytes (copied in and out), when it began, when it
 * expires and when it was last seen. A session is live while {@code now} is before {@code expiresAt}.
 */
public record Session(SessionId id, UserId userId, byte[] data, Instant createdAt, Instant expiresAt,
                      Instant lastSeenAt) {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    public Session {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (userId == null) {
            throw new InvalidInputException("userId", "userId must not be null");
        }
        if (data == null || data.length == 0) {
            throw new InvalidInputException("data", "data must be a non-empty JSON document");
        }
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
        if (expiresAt == null || !expiresAt.isAfter(createdAt)) {
            throw new InvalidInputException("expiresAt", "expiresAt must be after createdAt");
        }
        if (lastSeenAt == null || lastSeenAt.isBefore(createdAt)) {
            throw new InvalidInputException("lastSeenAt", "lastSeenAt must not be before createdAt");
        }
        data = data.clone();
    }

    /** A session that starts at {@code now} with empty data ({@code {}}) when {@code data} is null. */
    public static Session start(SessionId id, UserId userId, byte[] data, Instant now, Instant expiresAt) {
        return new Session(id, userId, data == null ? EMPTY_OBJECT : data, now, expiresAt, now);
    }

    /** A copy of the data bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** This session seen at {@code seenAt}, now expiring at {@code newExpiresAt} (sliding expiry). */
    public Session touchedAt(Instant seenAt, Instant newExpiresAt) {
        return new Session(id, userId, data, createdAt, newExpiresAt, seenAt);
    }

    public Session withData(byte[] newData) {
        return new Session(id, userId, newData, createdAt, expiresAt, lastSeenAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Session that && id.equals(that.id) && userId.equals(that.userId)
                && Arrays.equals(data, that.data) && createdAt.equals(that.createdAt)
                && expiresAt.equals(that.expiresAt) && lastSeenAt.equals(that.lastSeenAt);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        // data may hold personal information: keep it out of logs
        return "Session[id=" + id + ", userId=" + userId + ", data=" + data.length + " bytes, createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", lastSeenAt=" + lastSeenAt + "]";
    }
}
