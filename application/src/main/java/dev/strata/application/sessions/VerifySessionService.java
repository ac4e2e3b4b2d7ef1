package dev.strata.application.sessions;

import dev.strata.application.sessions.port.VerifySessionQuery;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.domain.sessions.port.SessionStore;

/**
 * Service implementing {@link VerifySessionUseCase} on the tiered store: a plain read (no sliding, so
 * a request costs one Redis read and no write), and the session must belong to the token's subject.
 */
public class VerifySessionService implements VerifySessionUseCase {
    private final SessionStore sessions;

    public VerifySessionService(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean isLive(VerifySessionQuery query) {
        return sessions.find(query.sessionId()).map(session -> session.userId().equals(query.userId())).orElse(false);
    }
}
