package dev.strata.application.cache.port;

/** Use case: store a value write-through (L3 for durable namespaces, then L2, then L1) and invalidate every other instance's copy. */
public interface PutCacheEntryUseCase {
    PutOutcome put(PutCacheEntryCommand command);
}
