package dev.strata.domain.sessions.port;

import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import java.time.Duration;

/**
 * Driven port: the fast, shared answer to "is this principal still allowed?", consulted on every
 * authenticated request by every instance. Implemented in Redis; the durable truth is the
 * {@link ClientRegistry}, which callers fall back to on {@link Status#UNKNOWN}.
 */
public interface AccessRevocations {
    /** How long an "active" record may be trusted; bounds staleness if a revocation could not reach Redis. */
    Duration ACTIVE_RECORD_TTL = Duration.ofSeconds(60);

    /** What the fast store knows of a client. */
    enum Status { ACTIVE, REVOKED, UNKNOWN }

    /** The client's status; {@link Status#UNKNOWN} when not recorded or the store is unavailable. */
    Status clientStatus(ClientId id);

    /** Records the status read from the durable store, for {@code ttl}. Best effort: never throws. */
    void remember(ClientId id, boolean active, Duration ttl);

    /**
     * Records that a client was deleted, for {@code ttl} (the longest token lifetime).
     * Throws {@link dev.strata.domain.shared.StoreUnavailableException} when it could not be recorded.
     */
    void revoke(ClientId id, Duration ttl);
}
