package dev.strata.archcanary.domain.cache.port;

/** Canary fixture: an abstract class where only interfaces (and records, enums, exceptions) belong. */
public abstract class CacheStoreSupport {
    public abstract String get(String key);
}
