package dev.strata.archcanary.application.sessions.port;

/** Canary fixture: a use case of the sessions area; other areas may use it. */
public interface FindSessionUseCase {
    String find(String id);
}
