package dev.strata.archcanary.application.cache;

import dev.strata.archcanary.application.sessions.SessionLookups;
import dev.strata.archcanary.application.sessions.port.FindSessionUseCase;

/** Canary fixture: the cache area uses a sessions use case (fine) and a sessions internal (not fine). */
public class WarmCache {
    private final FindSessionUseCase sessions;
    private final SessionLookups lookups = new SessionLookups();

    public WarmCache(FindSessionUseCase sessions) {
        this.sessions = sessions;
    }

    public String warm(String id) {
        return sessions.find(lookups.lookup(id));
    }
}
