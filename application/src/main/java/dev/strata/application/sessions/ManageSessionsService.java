package dev.strata.application.sessions;

import dev.strata.application.sessions.port.CreateSessionCommand;
import dev.strata.application.sessions.port.EndUserSessionsCommand;
import dev.strata.application.sessions.port.ManageSessionsUseCase;
import dev.strata.application.sessions.port.PatchSessionCommand;
import dev.strata.application.sessions.port.SessionIdCommand;
import dev.strata.application.sessions.port.UserSessionsQuery;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Service implementing {@link ManageSessionsUseCase} on the tiered session store. */
public class ManageSessionsService implements ManageSessionsUseCase {
    private final SessionStore sessions;
    private final RefreshTokens refreshTokens;
    private final Duration defaultTtl;
    private final boolean sliding;
    private final Clock clock;

    public ManageSessionsService(SessionStore sessions, RefreshTokens refreshTokens, Duration defaultTtl, boolean sliding, Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.defaultTtl = defaultTtl;
        this.sliding = sliding;
        this.clock = clock;
    }

    @Override
    public Session create(CreateSessionCommand command) {
        Instant now = now();
        Duration ttl = command.ttlSeconds().map(Duration::ofSeconds).orElse(defaultTtl);
        Session session = Session.start(SessionId.random(), command.userId(), command.data().orElse(null), now, now.plus(ttl));
        sessions.create(session);
        return session;
    }

    @Override
    public Optional<Session> get(SessionIdCommand command) {
        if (!sliding) {
            return sessions.find(command.sessionId());
        }
        Optional<Session> current = sessions.find(command.sessionId());
        if (current.isEmpty()) {
            return current;
        }
        // the session keeps the lifetime it was given: a read moves its end that far past now
        Duration lifetime = Duration.between(current.get().lastSeenAt(), current.get().expiresAt());
        Instant now = now();
        Instant until = now.plus(lifetime);
        if (!until.isAfter(current.get().expiresAt())) {
            return current;
        }
        return sessions.touch(command.sessionId(), now, until);
    }

    @Override
    public Optional<Session> patch(PatchSessionCommand command) {
        Optional<Session> current = sessions.find(command.sessionId());
        if (current.isEmpty()) {
            return current;
        }
        byte[] patched = command.patch().apply(current.get().data());
        Session updated = current.get().withData(patched);
        return sessions.update(updated) ? Optional.of(updated) : Optional.empty();
    }

    @Override
    public boolean end(SessionIdCommand command) {
        boolean ended = sessions.delete(command.sessionId());
        refreshTokens.revokeSession(command.sessionId());
        return ended;
    }

    @Override
    public Page<Session> list(UserSessionsQuery query) {
        PageRequest page = query.page();
        Optional<SessionId> after = page.position().map(position -> {
            if (!SessionId.isWellFormed(position)) {
                throw new InvalidInputException("cursor", "cursor is not valid");
            }
            return new SessionId(position);
        });
        List<Session> rows = sessions.listByUser(query.userId(), after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Session> shown = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(List.copyOf(shown), more
                ? Optional.of(PageRequest.encode(shown.get(shown.size() - 1).id().value())) : Optional.empty());
    }

    @Override
    public int endAll(EndUserSessionsCommand command) {
        List<Session> live = sessions.listByUser(command.userId(), Optional.empty(), PageRequest.MAX_LIMIT);
        int ended = sessions.deleteByUser(command.userId());
        live.forEach(session -> refreshTokens.revokeSession(session.id()));
        return ended;
    }

    private Instant now() {
        return clock.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
