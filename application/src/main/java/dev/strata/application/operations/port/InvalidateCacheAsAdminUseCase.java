package dev.strata.application.operations.port;

/** Use case: a dashboard cache invalidation (a namespace or a tag), written to the admin audit log either way it ends. */
public interface InvalidateCacheAsAdminUseCase {
    /** Answers how many live entries were removed. */
    long invalidate(InvalidateCacheAsAdminCommand command);
}
