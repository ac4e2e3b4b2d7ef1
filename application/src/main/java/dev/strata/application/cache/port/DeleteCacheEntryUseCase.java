package dev.strata.application.cache.port;

/** Use case: remove one key from every tier and every instance; true when it was there. */
public interface DeleteCacheEntryUseCase {
    boolean delete(DeleteCacheEntryCommand command);
}
