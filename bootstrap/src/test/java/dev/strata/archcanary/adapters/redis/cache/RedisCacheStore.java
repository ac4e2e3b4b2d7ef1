package dev.strata.archcanary.adapters.redis.cache;

import dev.strata.archcanary.adapters.postgres.cache.PostgresCacheStore;

/** Canary fixture: ...used by the Redis adapter: one adapter module depending on another. */
public class RedisCacheStore {
    private final PostgresCacheStore fallback = new PostgresCacheStore();

    public String get(String key) {
        return fallback.get(key);
    }
}
