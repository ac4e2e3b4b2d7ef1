package dev.strata.domain.sessions.port;

import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: where sessions live (Redis with a TTL for the live copy, Postgres for the durable one).
 * Every method works inside the current {@link dev.strata.domain.shared.TenantContext}; a session whose
 * {@code expiresAt} has passed is treated as absent everywhere.
 */
public interface SessionStore {
    /**
     * Stores the session under its id, replacing one with the same id (putting a session back into a
     * tier that lost it is a create too). A session already expired is not stored.
     */
    void create(Session session);

    Optional<Session> find(SessionId id);

    /**
     * Atomically sets {@code lastSeenAt} and {@code expiresAt} of a live session and returns it;
     * empty (and nothing written) when the session is unknown, expired or deleted — never recreates it.
     */
    Optional<Session> touch(SessionId id, Instant seenAt, Instant expiresAt);

    /** Replaces a live session with the same id (data and times); false, nothing written, when it is gone. */
    boolean update(Session session);

    /** Ends the session; false when there was no live session. */
    boolean delete(SessionId id);

    /** The user's live sessions ordered by id, after {@code afterId} (exclusive) when given, at most {@code limit}. */
    List<Session> listByUser(UserId userId, Optional<SessionId> afterId, int limit);

    /** Ends every live session of the user; answers how many. */
    int deleteByUser(UserId userId);
}
