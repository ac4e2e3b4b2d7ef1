package dev.strata.application.sessions.port;

/**
 * Use case: the per-request revocation check behind every authenticated call. Cheap in the
 * normal case (one Redis read); falls back to Postgres when Redis lost or lacks the record.
 */
public interface VerifyAccessUseCase {
    boolean isAllowed(VerifyAccessQuery query);

    /**
     * True when this instance can tell from memory alone that the client is still allowed; false means
     * "call {@link #isAllowed}". Never touches a store and never blocks, so it may run on an event loop.
     */
    default boolean isKnownAllowed(VerifyAccessQuery query) {
        return false;
    }
}
