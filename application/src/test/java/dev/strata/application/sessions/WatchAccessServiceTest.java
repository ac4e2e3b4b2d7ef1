package dev.strata.application.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.application.sessions.port.WatchAccessQuery;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A watched credential ends its response on revocation (from any instance), at expiry, or when the stores refuse it. */
class WatchAccessServiceTest {
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();
    private final AccessView viewA = new AccessView(new InMemoryInvalidationBus(channel), Duration.ofSeconds(60), 1000).start();
    private final AccessView viewB = new AccessView(new InMemoryInvalidationBus(channel), Duration.ofSeconds(60), 1000).start();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final ClientId client = ClientId.random();
    private final SessionId session = SessionId.random();
    private final UserId user = new UserId("user-1");

    /** What the stores say (a stand-in for the verify services, whose own tests cover the stores). */
    private final AtomicBoolean storesAllow = new AtomicBoolean(true);
    private final AtomicBoolean storesDown = new AtomicBoolean(false);
    private final AtomicInteger storeChecks = new AtomicInteger();
    private final VerifyAccessUseCase access = query -> stores();
    private final VerifySessionUseCase sessions = query -> stores();

    private boolean stores() {
        storeChecks.incrementAndGet();
        if (storesDown.get()) {
            throw new StoreUnavailableException("redis", "down", null);
        }
        return storesAllow.get();
    }

    private final WatchAccessUseCase watchesOnB = new WatchAccessService(viewB, access, sessions, Clock.system(), scheduler,
            Duration.ofMillis(50));

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        viewA.close();
        viewB.close();
    }

    private static Instant later() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private WatchAccessUseCase.Watch watch(WatchAccessQuery query, CountDownLatch ended) {
        return TenantContext.callAs(tenant, () -> watchesOnB.watch(query, ended::countDown));
    }

    private static boolean endsWithin(CountDownLatch ended, Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aClientRevokedOnAnotherInstanceEndsTheWatch() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.client(client, later()), ended);
        assertFalse(ended.getCount() == 0, "nothing revoked yet");

        storesAllow.set(false);
        TenantContext.runAs(tenant, () -> viewA.revokeClient(client.value()));

        assertTrue(endsWithin(ended, GENEROUS));
        assertEquals(0, viewB.watches(), "an ended watch stops listening");
    }

    @Test
    void anEndedSessionEndsTheWatchOfItsTokens() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.session(session, user, later()), ended);
        TenantContext.runAs(tenant, () -> viewA.revokeSessions(List.of(session.value())));
        assertTrue(endsWithin(ended, GENEROUS));
    }

    @Test
    void aRevocationOfAnotherTenantsClientOfTheSameIdLeavesTheWatchAlone() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.client(client, later()), ended);
        TenantContext.runAs(new TenantId(UUID.randomUUID()), () -> viewA.revokeClient(client.value()));
        int checks = storeChecks.get();
        awaitChecks(checks + 3);
        assertEquals(1, ended.getCount(), "another tenant's revocation is not ours");
    }

    @Test
    void theTokensExpiryEndsTheWatch() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.client(client, Instant.now().plusMillis(300)), ended);
        assertTrue(endsWithin(ended, GENEROUS));
    }

    @Test
    void anAlreadyExpiredTokenEndsAtOnce() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.client(client, Instant.now().minusSeconds(1)), ended);
        assertTrue(endsWithin(ended, GENEROUS));
    }

    @Test
    void aRevocationThisInstanceMissedIsCaughtByTheRecheck() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        watch(WatchAccessQuery.client(client, later()), ended);
        // revoked in the stores while the broadcast never reached this instance
        storesAllow.set(false);
        assertTrue(endsWithin(ended, GENEROUS));
    }

    @Test
    void unreachableStoresKeepTheWatch() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        storesDown.set(true);
        watch(WatchAccessQuery.client(client, later()), ended);
        awaitChecks(3);
        assertEquals(1, ended.getCount(), "no revocation can be recorded while the stores are down");
    }

    @Test
    void aClosedWatchNeverEndsItsResponseAndStopsListening() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        WatchAccessUseCase.Watch watch = watch(WatchAccessQuery.client(client, later()), ended);
        assertEquals(1, viewB.watches());
        watch.close();
        assertEquals(0, viewB.watches());
        TenantContext.runAs(tenant, () -> viewA.revokeClient(client.value()));
        storesAllow.set(false);
        Thread.sleep(100);
        int checks = storeChecks.get();
        Thread.sleep(300);
        assertEquals(checks, storeChecks.get(), "a closed watch checks nothing");
        assertEquals(1, ended.getCount());
    }

    private void awaitChecks(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (storeChecks.get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "the watch re-checks the stores");
            Thread.sleep(10);
        }
    }
}
