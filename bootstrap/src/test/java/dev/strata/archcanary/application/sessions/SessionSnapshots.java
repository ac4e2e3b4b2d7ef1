package dev.strata.archcanary.application.sessions;

import dev.strata.archcanary.domain.cache.CacheEntry;

/** Canary fixture: the sessions area of application uses the cache area of domain, across modules (not fine). */
public class SessionSnapshots {
    public Object snapshot(CacheEntry entry) {
        return entry;
    }
}
