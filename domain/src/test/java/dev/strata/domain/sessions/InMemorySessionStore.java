package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link SessionStore}: one map per tenant, expiry against an injectable clock. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {
    private final Clock clock;
    private final Map<TenantId, Map<SessionId, Session>> byTenant = new HashMap<>();

    public InMemorySessionStore() {
        this(Clock.system());
    }

    public InMemorySessionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void create(Session session) {
        Map<SessionId, Session> sessions = partition();
        if (session.isLiveAt(clock.now())) {
            sessions.put(session.id(), session);
        } else {
            sessions.remove(session.id());
        }
    }

    @Override
    public synchronized Optional<Session> find(SessionId id) {
        return Optional.ofNullable(live(partition(), id));
    }

    @Override
    public synchronized Optional<Session> touch(SessionId id, Instant seenAt, Instant expiresAt) {
        Map<SessionId, Session> sessions = partition();
        Session current = live(sessions, id);
        if (current == null) {
            return Optional.empty();
        }
        Session touched = current.touchedAt(seenAt, expiresAt);
        create(touched);
        return Optional.of(touched);
    }

    @Override
    public synchronized boolean update(Session session) {
        if (live(partition(), session.id()) == null) {
            return false;
        }
        create(session);
        return true;
    }

    @Override
    public synchronized boolean delete(SessionId id) {
        Map<SessionId, Session> sessions = partition();
        boolean wasLive = live(sessions, id) != null;
        sessions.remove(id);
        return wasLive;
    }

    @Override
    public synchronized List<Session> listByUser(UserId userId, Optional<SessionId> afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Instant now = clock.now();
        return partition().values().stream()
                .filter(session -> session.userId().equals(userId) && session.isLiveAt(now))
                .filter(session -> afterId.isEmpty() || session.id().value().compareTo(afterId.get().value()) > 0)
                .sorted(Comparator.comparing(session -> session.id().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int deleteByUser(UserId userId) {
        Instant now = clock.now();
        int[] ended = {0};
        partition().values().removeIf(session -> {
            if (!session.userId().equals(userId)) {
                return false;
            }
            if (session.isLiveAt(now)) {
                ended[0]++;
            }
            return true;
        });
        return ended[0];
    }

    private Session live(Map<SessionId, Session> sessions, SessionId id) {
        Session session = sessions.get(id);
        if (session != null && !session.isLiveAt(clock.now())) {
            sessions.remove(id);
            return null;
        }
        return session;
    }

    private Map<SessionId, Session> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}
