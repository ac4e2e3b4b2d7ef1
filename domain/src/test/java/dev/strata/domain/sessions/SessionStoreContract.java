package dev.strata.domain.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link SessionStore}: the in-memory fake and the Redis and Postgres adapters extend it.
 * Expiry is checked through {@link #now()} and {@link #elapse}.
 */
public abstract class SessionStoreContract extends ContractSupport {
    protected SessionStore store;
    protected TenantId tenant;

    /** Hook: the store under test; called before each test. */
    protected abstract SessionStore createSubject();

    @BeforeEach
    void createSessionStore() {
        store = createSubject();
        tenant = newTenant();
    }

    protected Session session(UserId user, String json, Duration ttl) {
        Instant now = now();
        return Session.start(SessionId.random(), user, json.getBytes(StandardCharsets.UTF_8), now, now.plus(ttl));
    }

    protected Session session(UserId user) {
        return session(user, "{\"cart\":[1,2]}", Duration.ofHours(1));
    }

    private void create(Session session) {
        runAs(tenant, () -> store.create(session));
    }

    private Optional<Session> find(SessionId id) {
        return as(tenant, () -> store.find(id));
    }

    @Test
    void findsACreatedSessionWithItsDataBytesExactly() {
        String json = "{ \"theme\" : \"dark\",\n \"name\": \"Zoë ✓\" }";
        Session session = session(UserId.random(), json, Duration.ofHours(24));
        create(session);
        Session found = find(session.id()).orElseThrow();
        assertEquals(session, found);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), found.data());
    }

    @Test
    void anUnknownSessionIsAbsent() {
        assertTrue(find(SessionId.random()).isEmpty());
    }

    @Test
    void createReplacesASessionWithTheSameId() {
        Session first = session(UserId.random());
        create(first);
        Session replacement = first.withData("{\"v\":2}".getBytes(StandardCharsets.UTF_8));
        create(replacement);
        assertEquals(replacement, find(first.id()).orElseThrow());
    }

    @Test
    void anExpiredSessionIsAbsentEverywhere() {
        UserId user = UserId.random();
        Instant past = now().minus(Duration.ofHours(2));
        Session expired = new Session(SessionId.random(), user, "{}".getBytes(StandardCharsets.UTF_8), past,
                past.plus(Duration.ofHours(1)), past);
        create(expired);
        assertTrue(find(expired.id()).isEmpty());
        assertTrue(as(tenant, () -> store.touch(expired.id(), now(), now().plus(Duration.ofHours(1)))).isEmpty());
        assertTrue(find(expired.id()).isEmpty(), "touch did not revive it");
        assertTrue(as(tenant, () -> store.listByUser(user, Optional.empty(), 50)).isEmpty());
        assertFalse(as(tenant, () -> store.delete(expired.id())));
    }

    @Test
    void aSessionEndsWhenItsTimeHasPassed() {
        UserId user = UserId.random();
        Session lasting = session(user, "{}", Duration.ofHours(1));
        Session brief = session(user, "{}", Duration.ofMillis(400));
        create(lasting);
        create(brief);
        elapse(Duration.ofMillis(1200));
        assertTrue(find(lasting.id()).isPresent());
        assertTrue(find(brief.id()).isEmpty());
        assertEquals(List.of(lasting.id()), as(tenant, () -> store.listByUser(user, Optional.empty(), 50))
                .stream().map(Session::id).toList());
    }

    @Test
    void touchMovesLastSeenAndExpiryAndKeepsTheSessionAlive() {
        Session brief = session(UserId.random(), "{\"k\":1}", Duration.ofMillis(1500));
        create(brief);
        Instant seen = now();
        Instant extended = seen.plus(Duration.ofHours(1));
        Session touched = as(tenant, () -> store.touch(brief.id(), seen, extended)).orElseThrow();
        assertEquals(seen, touched.lastSeenAt());
        assertEquals(extended, touched.expiresAt());
        assertArrayEquals(brief.data(), touched.data());
        assertEquals(brief.createdAt(), touched.createdAt());

        elapse(Duration.ofMillis(2000));
        assertEquals(touched, find(brief.id()).orElseThrow());
    }

    @Test
    void touchNeverCreatesASession() {
        SessionId unknown = SessionId.random();
        assertTrue(as(tenant, () -> store.touch(unknown, now(), now().plus(Duration.ofHours(1)))).isEmpty());
        assertTrue(find(unknown).isEmpty());
    }

    @Test
    void updateReplacesALiveSessionButNeverRecreatesAnEndedOne() {
        Session session = session(UserId.random());
        create(session);
        Session patched = session.withData("{\"cart\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
        assertTrue(as(tenant, () -> store.update(patched)));
        assertEquals(patched, find(session.id()).orElseThrow());

        assertTrue(as(tenant, () -> store.delete(session.id())));
        assertFalse(as(tenant, () -> store.update(patched)));
        assertTrue(find(session.id()).isEmpty());
    }

    @Test
    void deleteEndsTheSessionOnce() {
        Session session = session(UserId.random());
        Session other = session(session.userId());
        create(session);
        create(other);
        assertTrue(as(tenant, () -> store.delete(session.id())));
        assertTrue(find(session.id()).isEmpty());
        assertFalse(as(tenant, () -> store.delete(session.id())));
        assertTrue(find(other.id()).isPresent());
    }

    @Test
    void listsAUsersLiveSessionsPageByPage() {
        UserId user = UserId.random();
        Set<SessionId> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Session session = session(user);
            create(session);
            created.add(session.id());
        }
        create(session(UserId.random()));

        List<SessionId> all = as(tenant, () -> store.listByUser(user, Optional.empty(), 50)).stream()
                .map(Session::id).toList();
        assertEquals(created, new HashSet<>(all));
        assertEquals(5, all.size());

        List<SessionId> paged = new ArrayList<>();
        Optional<SessionId> after = Optional.empty();
        while (true) {
            Optional<SessionId> cursor = after;
            List<Session> page = as(tenant, () -> store.listByUser(user, cursor, 2));
            assertTrue(page.size() <= 2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(session -> paged.add(session.id()));
            after = Optional.of(page.get(page.size() - 1).id());
        }
        assertEquals(all, paged, "pages follow the order of the full listing, each session once");
    }

    @Test
    void deleteByUserEndsOnlyThatUsersSessions() {
        UserId user = UserId.random();
        UserId bystander = UserId.random();
        Session a = session(user);
        Session b = session(user);
        Session kept = session(bystander);
        create(a);
        create(b);
        create(kept);
        assertEquals(2, as(tenant, () -> store.deleteByUser(user)));
        assertTrue(find(a.id()).isEmpty());
        assertTrue(find(b.id()).isEmpty());
        assertTrue(as(tenant, () -> store.listByUser(user, Optional.empty(), 50)).isEmpty());
        assertEquals(kept, find(kept.id()).orElseThrow());
        assertEquals(0, as(tenant, () -> store.deleteByUser(user)));
    }

    @Test
    void tenantsNeverSeeEachOthersSessions() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other);
        assertTenantCannotReach(other, tenant);
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder) {
        UserId user = new UserId("same-user-" + unique());
        Session owned = session(user);
        runAs(owner, () -> store.create(owned));
        runAs(intruder, () -> {
            assertTrue(store.find(owned.id()).isEmpty());
            assertTrue(store.touch(owned.id(), now(), now().plus(Duration.ofDays(1))).isEmpty());
            assertFalse(store.update(owned.withData("\"stolen\"".getBytes(StandardCharsets.UTF_8))));
            assertTrue(store.listByUser(user, Optional.empty(), 50).isEmpty());
            assertFalse(store.delete(owned.id()));
            assertEquals(0, store.deleteByUser(user));
            assertTrue(store.find(owned.id()).isEmpty(), "nothing was created in the intruder's tenant");
        });
        assertEquals(owned, as(owner, () -> store.find(owned.id())).orElseThrow());
        assertEquals(1, as(owner, () -> store.listByUser(user, Optional.empty(), 50)).size());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.find(SessionId.random()));
    }
}
