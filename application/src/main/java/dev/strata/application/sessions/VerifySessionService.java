package dev.strata.application.sessions;

import dev.strata.application.sessions.port.VerifySessionQuery;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Service implementing {@link VerifySessionUseCase}: this instance's {@link AccessView} answers in the normal
 * case; otherwise a plain read of the tiered store (no sliding, so it costs one Redis read and no write).
 * The session must belong to the token's subject. A live session is remembered in the view until at most
 * its expiry.
 */
public class VerifySessionService implements VerifySessionUseCase {
    private final SessionStore sessions;
    private final AccessView view;
    private final Clock clock;

    public VerifySessionService(SessionStore sessions, AccessView view, Clock clock) {
        this.sessions = sessions;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public boolean isKnownLive(VerifySessionQuery query) {
        return view.knowsSession(query.sessionId().value(), query.userId().value());
    }

    @Override
    public boolean isLive(VerifySessionQuery query) {
        return view.checkSessionOnce(query.sessionId().value(), query.userId().value(), check -> {
            Instant now = clock.now();
            Optional<Session> live = sessions.find(query.sessionId())
                    .filter(session -> session.userId().equals(query.userId()));
            live.ifPresent(session -> view.rememberSession(session.id().value(), session.userId().value(),
                    session.expiresAt(), now, check));
            return live.isPresent();
        });
    }
}
