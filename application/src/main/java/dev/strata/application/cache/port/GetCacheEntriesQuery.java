package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.List;

/** Query: up to 1000 keys of one namespace. */
public record GetCacheEntriesQuery(ResourceName namespace, List<String> keys) {
    public static final int MAX_KEYS = 1000;

    public GetCacheEntriesQuery {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
        if (keys == null || keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw new InvalidInputException("keys", "keys must name 1-" + MAX_KEYS + " keys");
        }
        for (int i = 0; i < keys.size(); i++) {
            CacheKey.requireValidKey("keys[" + i + "]", keys.get(i));
        }
        keys = List.copyOf(keys);
    }
}
