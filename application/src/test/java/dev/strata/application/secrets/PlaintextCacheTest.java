package dev.strata.application.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlaintextCacheTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final ResourceName DB = new ResourceName("db-password");
    private static final ResourceName API = new ResourceName("api-key");

    private final MutableClock clock = new MutableClock();
    private final InMemoryInvalidationBus.Channel medium = new InMemoryInvalidationBus.Channel();
    private final InMemoryInvalidationBus busA = new InMemoryInvalidationBus(medium);
    private final InMemoryInvalidationBus busB = new InMemoryInvalidationBus(medium);
    private final PlaintextCache a = new PlaintextCache(busA, clock, TTL, 100).start();
    private final PlaintextCache b = new PlaintextCache(busB, clock, TTL, 100).start();
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final TenantId other = new TenantId(UUID.randomUUID());

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(PlaintextCache cache, TenantId tenant, ResourceName name, int version, String value) {
        cache.put(tenant, name, version, bytes(value), cache.generation());
    }

    private static Optional<String> get(PlaintextCache cache, TenantId tenant, ResourceName name, int version) {
        return cache.get(tenant, name, version).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    private static boolean allZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aValueIsServedByTenantNameAndVersion() {
        put(a, tenant, DB, 1, "v1-secret");
        put(a, tenant, DB, 2, "v2-secret");
        assertEquals(Optional.of("v1-secret"), get(a, tenant, DB, 1));
        assertEquals(Optional.of("v2-secret"), get(a, tenant, DB, 2));
        assertEquals(Optional.empty(), get(a, tenant, DB, 3));
        assertEquals(Optional.empty(), get(a, tenant, API, 1));
        assertEquals(Optional.empty(), get(b, tenant, DB, 1), "memory of one instance only");
    }

    @Test
    void tenantsAreIsolatedBothWays() {
        put(a, tenant, DB, 1, "ours");
        assertEquals(Optional.empty(), get(a, other, DB, 1));
        put(a, other, DB, 1, "theirs");
        assertEquals(Optional.of("ours"), get(a, tenant, DB, 1));
        assertEquals(Optional.of("theirs"), get(a, other, DB, 1));

        a.forget(other, DB);
        assertEquals(Optional.of("ours"), get(a, tenant, DB, 1), "another tenant's forget leaves ours alone");
        assertEquals(Optional.empty(), get(a, other, DB, 1));
        put(a, other, DB, 1, "theirs");
        a.forget(tenant, DB);
        assertEquals(Optional.of("theirs"), get(a, other, DB, 1), "and ours leaves theirs alone");
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] given = bytes("copied-in");
        a.put(tenant, DB, 1, given, a.generation());
        given[0] = 'X';
        byte[] first = a.get(tenant, DB, 1).orElseThrow();
        assertArrayEquals(bytes("copied-in"), first);
        first[0] = 'Y';
        assertArrayEquals(bytes("copied-in"), a.get(tenant, DB, 1).orElseThrow());
    }

    @Test
    void anEntryLivesAtMostTheTtlAndIsZeroedWhenItExpires() {
        put(a, tenant, DB, 1, "short-lived");
        byte[] held = a.held().get(0);
        clock.advance(TTL.minusMillis(1));
        assertEquals(Optional.of("short-lived"), get(a, tenant, DB, 1));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), get(a, tenant, DB, 1));
        assertTrue(allZero(held));
        assertEquals(0, a.size());
    }

    @Test
    void purgeExpiredZeroesWhatNobodyAsksFor() {
        put(a, tenant, DB, 1, "first");
        clock.advance(Duration.ofMinutes(2));
        put(a, tenant, API, 1, "second");
        List<byte[]> held = a.held();
        clock.advance(Duration.ofMinutes(3));
        a.purgeExpired();
        assertEquals(1, a.size());
        assertTrue(allZero(held.get(0)));
        assertArrayEquals(bytes("second"), held.get(1));
        assertEquals(Optional.of("second"), get(a, tenant, API, 1));
    }

    @Test
    void replacingAValueRestartsItsLifeAndZeroesTheOldCopy() {
        put(a, tenant, DB, 1, "old-copy");
        byte[] old = a.held().get(0);
        clock.advance(Duration.ofMinutes(4));
        put(a, tenant, DB, 1, "new-copy");
        assertTrue(allZero(old));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(Optional.of("new-copy"), get(a, tenant, DB, 1));
    }

    @Test
    void theOldestEntryIsEvictedBeyondTheBoundAndZeroed() {
        PlaintextCache small = new PlaintextCache(busA, clock, TTL, 2).start();
        try {
            put(small, tenant, DB, 1, "one");
            byte[] oldest = small.held().get(0);
            put(small, tenant, DB, 2, "two");
            put(small, tenant, DB, 3, "three");
            assertEquals(2, small.size());
            assertTrue(allZero(oldest));
            assertEquals(Optional.empty(), get(small, tenant, DB, 1));
            assertEquals(Optional.of("two"), get(small, tenant, DB, 2));
            assertEquals(Optional.of("three"), get(small, tenant, DB, 3));
        } finally {
            small.close();
        }
    }

    @Test
    void forgetDropsEveryVersionOfOneSecretAndZeroesThem() {
        put(a, tenant, DB, 1, "v1");
        put(a, tenant, DB, 2, "v2");
        put(a, tenant, API, 1, "api");
        List<byte[]> held = a.held();
        a.forget(tenant, DB);
        assertTrue(allZero(held.get(0)));
        assertTrue(allZero(held.get(1)));
        assertEquals(Optional.empty(), get(a, tenant, DB, 1));
        assertEquals(Optional.empty(), get(a, tenant, DB, 2));
        assertEquals(Optional.of("api"), get(a, tenant, API, 1));
    }

    @Test
    void clearDropsAndZeroesEverything() {
        put(a, tenant, DB, 1, "v1");
        put(a, other, API, 1, "api");
        List<byte[]> held = a.held();
        a.clear();
        assertEquals(0, a.size());
        held.forEach(value -> assertTrue(allZero(value)));
    }

    @Test
    void forgetEverywhereDropsTheSecretOnEveryInstanceOfThatTenantOnly() {
        for (PlaintextCache cache : List.of(a, b)) {
            put(cache, tenant, DB, 1, "v1");
            put(cache, tenant, API, 1, "api");
            put(cache, other, DB, 1, "other-v1");
        }
        assertTrue(a.forgetEverywhere(tenant, DB));
        for (PlaintextCache cache : List.of(a, b)) {
            assertEquals(Optional.empty(), get(cache, tenant, DB, 1));
            assertEquals(Optional.of("api"), get(cache, tenant, API, 1));
            assertEquals(Optional.of("other-v1"), get(cache, other, DB, 1));
        }
    }

    @Test
    void aRevocationOfAnotherKindDropsNothing() {
        put(b, tenant, DB, 1, "v1");
        TenantContext.runAs(tenant, () -> busA.revoke(Revocation.sessions(Set.of(DB.value()))));
        TenantContext.runAs(tenant, () -> busA.revoke(Revocation.clients(Set.of(DB.value()))));
        assertEquals(Optional.of("v1"), get(b, tenant, DB, 1));
    }

    @Test
    void aValueReadBeforeADropIsNotKept() {
        long before = b.generation();
        // the store answered version 1 just before the secret was deleted on another instance...
        assertTrue(a.forgetEverywhere(tenant, DB));
        // ...so what was read must not be kept
        b.put(tenant, DB, 1, bytes("stale"), before);
        assertEquals(Optional.empty(), get(b, tenant, DB, 1));
        assertEquals(0, b.size());
    }

    @Test
    void aLostChannelClearsTheCacheAndNothingIsServedOrKeptUntilItIsBack() {
        put(b, tenant, DB, 1, "v1");
        byte[] held = b.held().get(0);
        busB.disconnect();
        assertTrue(allZero(held), "cleared when the channel is lost");
        put(b, tenant, DB, 1, "v1");
        assertEquals(0, b.size(), "nothing is kept while not current");
        assertEquals(Optional.empty(), get(b, tenant, DB, 1));

        busB.reconnect();
        put(b, tenant, DB, 1, "v1");
        assertEquals(Optional.of("v1"), get(b, tenant, DB, 1));
    }

    @Test
    void aChannelThatIsConnectedButNotCurrentServesNothing() {
        Lagging lagging = new Lagging(busB);
        PlaintextCache cache = new PlaintextCache(lagging, clock, TTL, 10).start();
        try {
            put(cache, tenant, DB, 1, "v1");
            byte[] held = cache.held().get(0);
            lagging.current = false;
            assertEquals(Optional.empty(), get(cache, tenant, DB, 1));
            assertTrue(allZero(held), "what memory cannot vouch for is dropped");
            lagging.current = true;
            assertEquals(Optional.empty(), get(cache, tenant, DB, 1), "and not brought back");
        } finally {
            cache.close();
        }
    }

    @Test
    void forgetEverywhereOnALostChannelStillForgetsHereAndSaysSo() {
        put(a, tenant, DB, 1, "v1");
        busA.disconnect();
        assertFalse(a.forgetEverywhere(tenant, DB));
        busA.reconnect();
        assertEquals(Optional.empty(), get(a, tenant, DB, 1));
    }

    @Test
    void aZeroTtlOrBoundKeepsNothing() {
        PlaintextCache noTtl = new PlaintextCache(busA, clock, Duration.ZERO, 10);
        PlaintextCache noRoom = new PlaintextCache(busA, clock, TTL, 0);
        put(noTtl, tenant, DB, 1, "v1");
        put(noRoom, tenant, DB, 1, "v1");
        assertEquals(0, noTtl.size());
        assertEquals(0, noRoom.size());
        assertEquals(Optional.empty(), get(noTtl, tenant, DB, 1));
    }

    @Test
    void aClosedCacheHearsNothingAndHoldsNothing() {
        put(b, tenant, DB, 1, "v1");
        b.close();
        assertEquals(0, b.size());
        put(b, tenant, API, 1, "api");
        assertTrue(a.forgetEverywhere(tenant, API));
        assertEquals(Optional.of("api"), get(b, tenant, API, 1), "no longer listening");
    }

    /** A channel whose currency the test decides, delivering through another. */
    private static final class Lagging implements RevocationChannel {
        private final RevocationChannel delegate;
        volatile boolean current = true;

        Lagging(RevocationChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public void revoke(Revocation revocation) {
            delegate.revoke(revocation);
        }

        @Override
        public Subscription listen(Listener listener) {
            return delegate.listen(listener);
        }

        @Override
        public boolean current() {
            return current;
        }

        @Override
        public Duration maxStaleness() {
            return delegate.maxStaleness();
        }
    }
}
