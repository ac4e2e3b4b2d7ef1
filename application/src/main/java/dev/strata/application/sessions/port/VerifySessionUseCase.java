package dev.strata.application.sessions.port;

/**
 * Use case: the per-request {@code sid} check behind every end-user token. One Redis read in the normal
 * case; Postgres when Redis lost the session or is down.
 */
public interface VerifySessionUseCase {
    boolean isLive(VerifySessionQuery query);
}
