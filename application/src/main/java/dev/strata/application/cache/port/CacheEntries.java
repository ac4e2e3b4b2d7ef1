package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Result: the entries found (by key, in request order) and the keys that missed. */
public record CacheEntries(Map<String, CacheEntry> found, List<String> missing) {
    public CacheEntries {
        found = Collections.unmodifiableMap(new LinkedHashMap<>(found));
        missing = List.copyOf(missing);
    }
}
