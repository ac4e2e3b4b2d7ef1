package dev.strata.archcanary.application.sessions;

/** Canary fixture: an internal of the sessions area; other areas may not use it. */
public class SessionLookups {
    public String lookup(String id) {
        return id;
    }
}
