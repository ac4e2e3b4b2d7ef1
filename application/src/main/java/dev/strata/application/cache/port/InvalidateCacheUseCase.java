package dev.strata.application.cache.port;

/** Use case: remove the entries of a namespace named by keys, tags or a key prefix, from every tier and instance. */
public interface InvalidateCacheUseCase {
    /** Answers how many live entries were removed. */
    long invalidate(InvalidateCacheCommand command);
}
