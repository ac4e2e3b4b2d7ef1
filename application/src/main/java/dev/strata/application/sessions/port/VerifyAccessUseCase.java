package dev.strata.application.sessions.port;

/**
 * Use case: the per-request revocation check behind every authenticated call. Cheap in the
 * normal case (one Redis read); falls back to Postgres when Redis lost or lacks the record.
 */
public interface VerifyAccessUseCase {
    boolean isAllowed(VerifyAccessQuery query);
}
