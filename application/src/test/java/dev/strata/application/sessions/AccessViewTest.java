package dev.strata.application.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import dev.strata.domain.shared.StoreUnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances' access views on one channel: what one revokes, the other no longer vouches for. */
class AccessViewTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();
    private final InMemoryInvalidationBus busA = new InMemoryInvalidationBus(channel);
    private final InMemoryInvalidationBus busB = new InMemoryInvalidationBus(channel);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AccessView a = new AccessView(busA, Duration.ofSeconds(60), 1000, nanos::get).start();
    private final AccessView b = new AccessView(busB, Duration.ofSeconds(60), 1000, nanos::get).start();
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final TenantId other = new TenantId(UUID.randomUUID());

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private boolean as(TenantId who, BooleanSupplier check) {
        return TenantContext.callAs(who, check::getAsBoolean);
    }

    private void run(TenantId who, Runnable work) {
        TenantContext.runAs(who, work);
    }

    @Test
    void nothingIsKnownUntilRemembered() {
        assertFalse(as(tenant, () -> b.knowsClient("client-1")));
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        assertTrue(as(tenant, () -> b.knowsClient("client-1")));
    }

    @Test
    void aClientRevokedOnOneInstanceIsNoLongerKnownOnTheOther() {
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        run(tenant, () -> b.rememberClient("client-2", b.generation()));

        run(tenant, () -> a.revokeClient("client-1"));

        assertFalse(as(tenant, () -> b.knowsClient("client-1")));
        assertTrue(as(tenant, () -> b.knowsClient("client-2")), "only what was revoked is dropped");
    }

    @Test
    void aSecretRevocationOfTheSameNameLeavesClientsAndSessionsAlone() {
        long before = b.generation();
        run(tenant, () -> b.rememberClient("client-1", before));
        run(tenant, () -> b.rememberSession("client-1", "user-1", NOW.plusSeconds(600), NOW, before));
        run(tenant, () -> busA.revoke(dev.strata.domain.shared.Revocation.secrets(Set.of("client-1"))));
        assertTrue(as(tenant, () -> b.knowsClient("client-1")));
        assertTrue(as(tenant, () -> b.knowsSession("client-1", "user-1")));
        assertEquals(before, b.generation(), "a secret's drop does not race credential checks");
    }

    @Test
    void entriesBelongToTheirTenantBothWays() {
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        assertFalse(as(other, () -> b.knowsClient("client-1")), "another tenant's client of the same id is unknown");

        run(other, () -> b.rememberClient("client-1", b.generation()));
        run(other, () -> a.revokeClient("client-1"));
        assertTrue(as(tenant, () -> b.knowsClient("client-1")), "another tenant's revocation leaves ours alone");
        assertFalse(as(other, () -> b.knowsClient("client-1")));
    }

    @Test
    void aCheckThatRacedWithARevocationIsNotRemembered() {
        long before = b.generation();
        // the stores said "allowed" just before the client was revoked elsewhere...
        run(tenant, () -> a.revokeClient("client-1"));
        // ...so the answer must not be kept
        run(tenant, () -> b.rememberClient("client-1", before));
        assertFalse(as(tenant, () -> b.knowsClient("client-1")));
    }

    @Test
    void sessionsAreKnownOnlyForTheirUserAndUntilTheyExpire() {
        run(tenant, () -> b.rememberSession("session-1", "user-1", NOW.plusSeconds(5), NOW, b.generation()));
        assertTrue(as(tenant, () -> b.knowsSession("session-1", "user-1")));
        assertFalse(as(tenant, () -> b.knowsSession("session-1", "user-2")), "a session of another user");

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertFalse(as(tenant, () -> b.knowsSession("session-1", "user-1")), "expired sessions are not vouched for");

        run(tenant, () -> b.rememberSession("session-2", "user-1", NOW.minusSeconds(1), NOW, b.generation()));
        assertFalse(as(tenant, () -> b.knowsSession("session-2", "user-1")), "an expired session is never remembered");
    }

    @Test
    void endedSessionsAreDroppedEverywhere() {
        run(tenant, () -> {
            b.rememberSession("session-1", "user-1", NOW.plusSeconds(600), NOW, b.generation());
            b.rememberSession("session-2", "user-1", NOW.plusSeconds(600), NOW, b.generation());
        });
        run(tenant, () -> a.revokeSessions(List.of("session-1", "session-2")));
        assertFalse(as(tenant, () -> b.knowsSession("session-1", "user-1")));
        assertFalse(as(tenant, () -> b.knowsSession("session-2", "user-1")));
    }

    @Test
    void entriesAreTrustedForTheirLifeOnly() {
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertFalse(as(tenant, () -> b.knowsClient("client-1")));
    }

    @Test
    void withoutTheChannelNothingIsKnownAndNothingSurvivesItsReturn() {
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        busB.disconnect();
        assertFalse(as(tenant, () -> b.knowsClient("client-1")), "not current: ask the stores");
        run(tenant, () -> b.rememberClient("client-2", b.generation()));
        busB.reconnect();
        assertFalse(as(tenant, () -> b.knowsClient("client-1")), "flushed on the return: revocations may have been missed");
        assertFalse(as(tenant, () -> b.knowsClient("client-2")), "nothing was remembered while not current");
        assertEquals(0, b.size());
    }

    @Test
    void aRevocationThatCannotBeBroadcastStillTakesEffectHere() {
        run(tenant, () -> a.rememberClient("client-1", a.generation()));
        busA.disconnect();
        busA.reconnect();
        run(tenant, () -> a.rememberClient("client-1", a.generation()));
        busA.disconnect();
        run(tenant, () -> a.revokeClient("client-1"));
        busA.reconnect();
        assertFalse(as(tenant, () -> a.knowsClient("client-1")));
    }

    @Test
    void cacheInvalidationsNeverReachTheView() {
        run(tenant, () -> b.rememberClient("client-1", b.generation()));
        long before = b.generation();
        run(tenant, () -> busA.publish(Invalidation.keys(new ResourceName("access"), Set.of("c:client-1"))));
        run(tenant, () -> busA.publish(Invalidation.namespace(new ResourceName("access"))));
        assertEquals(before, b.generation(), "a tenant's cache writes do not disturb the access view");
        assertTrue(as(tenant, () -> b.knowsClient("client-1")));
    }

    @Test
    void watchersHearRevocationsOfTheirCredentialFromAnyInstance() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoCloseable watch = TenantContext.callAs(tenant, () -> b.watchClient("client-1", () -> heard.add("client-1")));
        TenantContext.callAs(tenant, () -> b.watchSession("session-1", () -> heard.add("session-1")));
        run(other, () -> a.revokeClient("client-1"));
        run(tenant, () -> a.revokeClient("client-2"));
        assertEquals(List.of(), heard, "another tenant's or another client's revocation is not heard");
        run(tenant, () -> a.revokeClient("client-1"));
        run(tenant, () -> a.revokeSessions(List.of("session-1")));
        assertEquals(List.of("client-1", "session-1"), heard);
        assertEquals(2, b.watches());
        try {
            watch.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals(1, b.watches());
    }

    @Test
    void memoryIsBounded() {
        AccessView small = new AccessView(busB, Duration.ofSeconds(60), 3, nanos::get).start();
        try {
            run(tenant, () -> {
                for (int i = 0; i < 10; i++) {
                    small.rememberClient("client-" + i, small.generation());
                }
            });
            assertTrue(small.size() <= 3, "held " + small.size());
        } finally {
            small.close();
        }
    }

    private static final Duration BOUND = Duration.ofMillis(100);

    /** A channel whose bound is {@link #BOUND} and that can fall behind (not current) while staying connected. */
    private static final class BoundedChannel implements RevocationChannel {
        private final InMemoryInvalidationBus bus;
        private volatile boolean late;

        BoundedChannel(InMemoryInvalidationBus bus) {
            this.bus = bus;
        }

        @Override
        public void revoke(Revocation revocation) {
            bus.revoke(revocation);
        }

        @Override
        public Subscription listen(Listener listener) {
            return bus.listen(listener);
        }

        @Override
        public boolean current() {
            return bus.current() && !late;
        }

        @Override
        public Duration maxStaleness() {
            return BOUND;
        }
    }

    @Test
    void withoutTheChannelARecentStoreCheckVouchesForTheBoundOnly() {
        BoundedChannel channelB = new BoundedChannel(busB);
        AccessView view = new AccessView(channelB, Duration.ofSeconds(60), 1000, nanos::get).start();
        try {
            busB.disconnect();
            AccessView.Check check = view.begin();
            nanos.addAndGet(Duration.ofMillis(30).toNanos()); // the store check takes its time
            run(tenant, () -> view.rememberClient("client-1", check));
            run(tenant, () -> view.rememberSession("session-1", "user-1", NOW.plusSeconds(600), NOW, view.begin()));
            run(tenant, () -> view.rememberClient("client-2", view.generation()));
            assertTrue(as(tenant, () -> view.knowsClient("client-1")), "confirmed by the stores 30 ms ago");
            assertTrue(as(tenant, () -> view.knowsSession("session-1", "user-1")));
            assertFalse(as(tenant, () -> view.knowsSession("session-1", "user-2")), "only for its own user");
            assertFalse(as(other, () -> view.knowsClient("client-1")), "only for its own tenant");
            assertFalse(as(tenant, () -> view.knowsClient("client-2")), "a fill without its check's start does not vouch");
            nanos.addAndGet(BOUND.toNanos() - Duration.ofMillis(30).toNanos() - 1);
            assertTrue(as(tenant, () -> view.knowsClient("client-1")), "just inside the bound from the check's start");
            nanos.addAndGet(1);
            assertFalse(as(tenant, () -> view.knowsClient("client-1")), "the bound, counted from the check's start, is over");
            assertTrue(as(tenant, () -> view.knowsSession("session-1", "user-1")), "its own check began 30 ms later");
            nanos.addAndGet(Duration.ofMillis(30).toNanos());
            assertFalse(as(tenant, () -> view.knowsSession("session-1", "user-1")));
        } finally {
            view.close();
        }
    }

    @Test
    void anEntryFilledWhileTheChannelWasLateNeverOutlivesItsCheck() {
        BoundedChannel channelB = new BoundedChannel(busB);
        AccessView view = new AccessView(channelB, Duration.ofSeconds(60), 1000, nanos::get).start();
        try {
            channelB.late = true;
            run(tenant, () -> view.rememberClient("client-1", view.begin()));
            channelB.late = false;
            assertTrue(as(tenant, () -> view.knowsClient("client-1")));
            nanos.addAndGet(BOUND.toNanos());
            assertFalse(as(tenant, () -> view.knowsClient("client-1")),
                    "revocations may have been missed while late: only the check vouches, for the bound");
            run(tenant, () -> view.rememberClient("client-2", view.begin()));
            nanos.addAndGet(BOUND.toNanos());
            assertTrue(as(tenant, () -> view.knowsClient("client-2")), "filled while current: the entry life holds");
            channelB.late = true;
            assertFalse(as(tenant, () -> view.knowsClient("client-2")), "late: its check is older than the bound");
        } finally {
            view.close();
        }
    }

    @Test
    void aCheckThatRacedWithARevocationHereIsNotRememberedEvenWithoutTheChannel() {
        BoundedChannel channelB = new BoundedChannel(busB);
        AccessView view = new AccessView(channelB, Duration.ofSeconds(60), 1000, nanos::get).start();
        try {
            busB.disconnect();
            AccessView.Check check = view.begin();
            run(tenant, () -> view.revokeClient("client-1"));
            run(tenant, () -> view.rememberClient("client-1", check));
            assertFalse(as(tenant, () -> view.knowsClient("client-1")));
        } finally {
            view.close();
        }
    }

    @Test
    void concurrentStoreChecksOfOnePrincipalRunOnceWhileTheyMayAnswerForEachOther() throws Exception {
        BoundedChannel channelB = new BoundedChannel(busB);
        AccessView view = new AccessView(channelB, Duration.ofSeconds(60), 1000, nanos::get).start();
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            busB.disconnect();
            AtomicInteger asked = new AtomicInteger();
            CountDownLatch leading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            java.util.function.Predicate<AccessView.Check> slow = check -> {
                asked.incrementAndGet();
                leading.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                view.rememberClient("client-1", check);
                return true;
            };
            java.util.function.Predicate<AccessView.Check> quick = check -> asked.incrementAndGet() > 0;
            Future<Boolean> leader = callers.submit(() -> as(tenant, () -> view.checkClientOnce("client-1", slow)));
            assertTrue(leading.await(10, TimeUnit.SECONDS));
            List<Future<Boolean>> joined = List.of(
                    callers.submit(() -> as(tenant, () -> view.checkClientOnce("client-1", quick))),
                    callers.submit(() -> as(tenant, () -> view.checkClientOnce("client-1", quick))));
            awaitJoined(view, 2);
            assertEquals(1, asked.get());
            // another principal, or the same client id in another tenant, is a check of its own
            assertTrue(as(tenant, () -> view.checkClientOnce("client-2", quick)));
            assertTrue(as(other, () -> view.checkClientOnce("client-1", quick)));
            assertEquals(3, asked.get());
            // a revocation heard since the running check began: it can no longer answer for a newcomer
            run(tenant, () -> view.revokeClient("client-9"));
            assertTrue(as(tenant, () -> view.checkClientOnce("client-1", quick)));
            assertEquals(4, asked.get());
            release.countDown();
            assertTrue(leader.get(10, TimeUnit.SECONDS));
            for (Future<Boolean> follower : joined) {
                assertTrue(follower.get(10, TimeUnit.SECONDS), "the running check's answer");
            }
            assertEquals(4, asked.get(), "the two that joined asked nothing");

            // a running check older than the bound answers for nobody new
            CountDownLatch leading2 = new CountDownLatch(1);
            CountDownLatch release2 = new CountDownLatch(1);
            Future<Boolean> old = callers.submit(() -> as(tenant, () -> view.checkClientOnce("client-3", check -> {
                leading2.countDown();
                try {
                    return release2.await(10, TimeUnit.SECONDS) && false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            })));
            assertTrue(leading2.await(10, TimeUnit.SECONDS));
            nanos.addAndGet(BOUND.toNanos());
            assertTrue(as(tenant, () -> view.checkClientOnce("client-3", quick)), "its own check, not the old one's answer");
            release2.countDown();
            assertFalse(old.get(10, TimeUnit.SECONDS));

            // a failing check fails those who waited for it with the same failure
            CountDownLatch leading3 = new CountDownLatch(1);
            CountDownLatch release3 = new CountDownLatch(1);
            StoreUnavailableException down = new StoreUnavailableException("postgres", "down", null);
            Future<Boolean> failing = callers.submit(() -> as(tenant, () -> view.checkSessionOnce("s-1", "u-1", check -> {
                leading3.countDown();
                try {
                    release3.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw down;
            })));
            assertTrue(leading3.await(10, TimeUnit.SECONDS));
            Future<Boolean> waiting = callers.submit(() -> as(tenant, () -> view.checkSessionOnce("s-1", "u-1", quick)));
            // the same session claimed for another user is not the same check
            assertTrue(as(tenant, () -> view.checkSessionOnce("s-1", "u-2", quick)));
            awaitJoined(view, 3);
            assertFalse(waiting.isDone(), "still waiting for the running check");
            assertEquals(6, asked.get());
            release3.countDown();
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> waiting.get(10, TimeUnit.SECONDS));
            assertEquals(down, failed.getCause());
            org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        } finally {
            callers.shutdownNow();
            view.close();
        }
    }

    /** Waits until {@code count} callers in all have joined a running check. */
    private static void awaitJoined(AccessView view, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.joinedChecks() < count) {
            assertTrue(System.nanoTime() < deadline, "joined " + view.joinedChecks() + " of " + count);
            Thread.sleep(5);
        }
    }

    @Test
    void aRevokerWaitsTheBoundEvenWhenItsBroadcastFails() {
        BoundedChannel channelA = new BoundedChannel(busA);
        AccessView view = new AccessView(channelA, Duration.ofSeconds(60), 1000).start();
        try {
            busA.disconnect();
            long started = System.nanoTime();
            run(tenant, () -> view.revokeClient("client-1"));
            long waited = System.nanoTime() - started;
            // peers without the channel may trust a store check up to the bound: the revocation is acknowledged after it
            assertTrue(waited >= BOUND.toNanos(), "returned after " + waited + " ns");
        } finally {
            view.close();
        }
    }
}
