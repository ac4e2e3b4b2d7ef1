package dev.strata.application.sessions.port;

/**
 * Use case: the per-request {@code sid} check behind every end-user token. One Redis read in the normal
 * case; Postgres when Redis lost the session or is down.
 */
public interface VerifySessionUseCase {
    boolean isLive(VerifySessionQuery query);

    /**
     * True when this instance can tell from memory alone that the session is live and the user's; false
     * means "call {@link #isLive}". Never touches a store and never blocks, so it may run on an event loop.
     */
    default boolean isKnownLive(VerifySessionQuery query) {
        return false;
    }
}
