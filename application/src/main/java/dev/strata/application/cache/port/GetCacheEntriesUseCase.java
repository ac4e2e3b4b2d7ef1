package dev.strata.application.cache.port;

/** Use case: read many keys of one namespace at once ({@code mget}). */
public interface GetCacheEntriesUseCase {
    CacheEntries getAll(GetCacheEntriesQuery query);
}
