package dev.strata.application.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.sessions.InMemorySessionStore;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.SessionStoreContract;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The tiered store keeps the session-store contract, reads back what the live tier lost, and survives it being down. */
class TieredSessionStoreTest extends SessionStoreContract {
    private final MutableClock clock = new MutableClock();
    private final AtomicBoolean liveDown = new AtomicBoolean();
    private InMemorySessionStore durable;
    private InMemorySessionStore live;
    private AccessView view;

    @Override
    protected SessionStore createSubject() {
        durable = new InMemorySessionStore(clock);
        live = new InMemorySessionStore(clock);
        SessionStore flaky = (SessionStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SessionStore.class},
                (proxy, method, args) -> {
                    if (liveDown.get()) {
                        throw new StoreUnavailableException("redis", "down", null);
                    }
                    try {
                        return method.invoke(live, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        view = new AccessView(new InMemoryInvalidationBus(), Duration.ofSeconds(60), 1000).start();
        return new TieredSessionStore(durable, flaky, view);
    }

    @Override
    protected Instant now() {
        return clock.now();
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void aSessionTheLiveTierLostIsReadBackAndPutBack() {
        Session session = session(UserId.random());
        TenantContext.runAs(tenant, () -> {
            store.create(session);
            live.delete(session.id());
            assertEquals(session, store.find(session.id()).orElseThrow());
            assertEquals(session, live.find(session.id()).orElseThrow(), "put back");
        });
    }

    @Test
    void withTheLiveTierDownEverythingRunsOnTheDurableOneAndEndedSessionsStayEnded() {
        Session kept = session(UserId.random());
        Session ended = session(UserId.random());
        TenantContext.runAs(tenant, () -> {
            store.create(kept);
            store.create(ended);
            liveDown.set(true);
            assertEquals(kept, store.find(kept.id()).orElseThrow());
            Session fresh = session(UserId.random());
            store.create(fresh);
            assertTrue(store.delete(ended.id()));
            assertTrue(store.find(ended.id()).isEmpty());
            assertEquals(1, ((TieredSessionStore) store).pendingDeletes());

            liveDown.set(false);
            assertTrue(store.find(ended.id()).isEmpty(), "the live tier still held it: the delete was replayed first");
            assertTrue(live.find(ended.id()).isEmpty());
            assertEquals(0, ((TieredSessionStore) store).pendingDeletes());
            assertEquals(fresh, store.find(fresh.id()).orElseThrow());
            assertTrue(store.find(SessionId.random()).isEmpty());
        });
    }
}
