package dev.strata.application.sessions;

import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Application component: one {@link SessionStore} over two — the durable store (Postgres, the truth) and
 * the live one (Redis, fast, disposable). Writes go to the durable store first, then the live one.
 * Reads ask the live store; a session it lost (flush, restart) is read back from the durable store and
 * put back. While the live store is down every call works on the durable store alone.
 *
 * <p>A delete that cannot reach the live store is remembered (per instance) and replayed on the next
 * call that reaches it, so an ended session does not come back when Redis does; its key also expires
 * with the session.
 *
 * <p>Every delete also revokes the session in the instances' {@link AccessView}, and returns once that is
 * in force everywhere: the session's access tokens fail from the next request on, on every instance.
 */
public final class TieredSessionStore implements SessionStore {
    private static final int MAX_PENDING = 100_000;

    private final SessionStore durable;
    private final SessionStore live;
    private final AccessView view;
    private final ConcurrentLinkedQueue<PendingDelete> pendingDeletes = new ConcurrentLinkedQueue<>();

    private record PendingDelete(TenantId tenant, SessionId id) {
    }

    public TieredSessionStore(SessionStore durable, SessionStore live, AccessView view) {
        this.durable = durable;
        this.live = live;
        this.view = view;
    }

    @Override
    public void create(Session session) {
        durable.create(session);
        bestEffort(() -> live.create(session));
    }

    @Override
    public Optional<Session> find(SessionId id) {
        TenantContext.require();
        try {
            // replay first: a session ended while Redis was away must not be served again
            replayPendingDeletes();
            Optional<Session> cached = live.find(id);
            if (cached.isPresent()) {
                return cached;
            }
        } catch (StoreUnavailableException e) {
            return durable.find(id);
        }
        Optional<Session> stored = durable.find(id);
        stored.ifPresent(session -> bestEffort(() -> live.create(session)));
        return stored;
    }

    @Override
    public Optional<Session> touch(SessionId id, Instant seenAt, Instant expiresAt) {
        Optional<Session> touched = durable.touch(id, seenAt, expiresAt);
        touched.ifPresent(session -> bestEffort(() -> live.create(session)));
        return touched;
    }

    @Override
    public boolean update(Session session) {
        boolean updated = durable.update(session);
        if (updated) {
            bestEffort(() -> live.create(session));
        }
        return updated;
    }

    @Override
    public boolean delete(SessionId id) {
        boolean deleted = durable.delete(id);
        deleteLive(id);
        view.revokeSessions(List.of(id.value()));
        return deleted;
    }

    @Override
    public List<Session> listByUser(UserId userId, Optional<SessionId> afterId, int limit) {
        return durable.listByUser(userId, afterId, limit);
    }

    @Override
    public int deleteByUser(UserId userId) {
        List<SessionId> ids = new ArrayList<>();
        Optional<SessionId> after = Optional.empty();
        while (true) {
            List<Session> page = durable.listByUser(userId, after, 500);
            page.forEach(session -> ids.add(session.id()));
            if (page.size() < 500) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        int ended = durable.deleteByUser(userId);
        ids.forEach(this::deleteLive);
        bestEffort(() -> live.deleteByUser(userId));
        view.revokeSessions(ids.stream().map(SessionId::value).toList());
        return ended;
    }

    /** How many live-store deletes wait for Redis to come back (for metrics and tests). */
    public int pendingDeletes() {
        return pendingDeletes.size();
    }

    private void deleteLive(SessionId id) {
        try {
            replayPendingDeletes();
            live.delete(id);
        } catch (StoreUnavailableException e) {
            if (pendingDeletes.size() < MAX_PENDING) {
                pendingDeletes.add(new PendingDelete(TenantContext.require(), id));
            }
        }
    }

    private void replayPendingDeletes() {
        PendingDelete pending;
        while ((pending = pendingDeletes.peek()) != null) {
            PendingDelete next = pending;
            TenantContext.runAs(next.tenant(), () -> live.delete(next.id()));
            pendingDeletes.remove(next);
        }
    }

    private void bestEffort(Runnable liveWork) {
        try {
            replayPendingDeletes();
            liveWork.run();
        } catch (StoreUnavailableException e) {
            // the durable store holds it; the live copy is rebuilt on the next read
        }
    }
}
