package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of what {@link SharedCacheTier} adds to {@link CacheStore}: the non-blocking read, and
 * {@link SharedCacheTier#putUnlessChangedSince}, the guarded write of the tier above the durable one, with
 * the {@link FillStamps} that guard it and the {@link CacheLeases} whose voids move them. The fake and Redis
 * extend it (and {@link CacheStoreContract} for the rest).
 */
public abstract class SharedCacheTierContract extends ContractSupport {
    private static final ResourceName NS = new ResourceName("guarded");

    private SharedCacheTier store;
    private FillStamps stamps;
    private CacheLeases leases;
    private TenantId tenant;

    /** Hook: a store, the stamps that guard its writes and the leases whose voids move them; called before each test. */
    protected abstract Subject createSubject();

    /** What is under test. */
    public record Subject(SharedCacheTier store, FillStamps stamps, CacheLeases leases) {
    }

    @BeforeEach
    void createSharedTier() {
        Subject subject = createSubject();
        store = subject.store();
        stamps = subject.stamps();
        leases = subject.leases();
        tenant = newTenant();
    }

    private CacheKey key() {
        return new CacheKey(NS, "k-" + unique());
    }

    private CacheEntry entry(CacheKey key, String json) {
        return CacheEntry.of(key, CacheValue.ofUtf8(json), now().plus(Duration.ofHours(1)), java.util.Set.of());
    }

    private Optional<String> value(CacheKey key) {
        return as(tenant, () -> store.get(key)).map(e -> e.value().asUtf8());
    }

    @Test
    void theNonBlockingReadAnswersAsTheBlockingOneWithinItsTenant() throws Exception {
        CacheKey key = key();
        CacheEntry stored = CacheEntry.of(key, CacheValue.ofUtf8("{\"a\":1}"), now().plus(Duration.ofHours(1)),
                java.util.Set.of(new Tag("t1")));
        runAs(tenant, () -> store.put(stored));
        assertEquals(Optional.of(stored), as(tenant, () -> store.getAsync(key)).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), as(tenant, () -> store.getAsync(key()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), as(newTenant(), () -> store.getAsync(key)).toCompletableFuture().get(5, TimeUnit.SECONDS),
                "another tenant never sees the entry");
    }

    @Test
    void anUntouchedKeyIsWrittenAndItsStampMovesOn() {
        CacheKey key = key();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        assertTrue(as(tenant, () -> store.putUnlessChangedSince(entry(key, "1"), since)));
        assertEquals(Optional.of("1"), value(key));
        assertFalse(as(tenant, () -> stamps.unchangedSince(key, since)), "a stamp taken before the write is stale now");
    }

    @Test
    void aKeyVoidedSinceTheStampIsRemovedNotWritten() {
        CacheKey key = key();
        runAs(tenant, () -> store.put(entry(key, "old")));
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        runAs(tenant, () -> leases.voidKeys(NS, List.of(key.key())));
        assertFalse(as(tenant, () -> store.putUnlessChangedSince(entry(key, "new"), since)));
        assertEquals(Optional.empty(), value(key), "neither the old nor the new value");
    }

    @Test
    void aNamespaceVoidedSinceTheStampRefusesTheWriteToo() {
        CacheKey key = key();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        runAs(tenant, () -> leases.voidNamespace(NS));
        assertFalse(as(tenant, () -> store.putUnlessChangedSince(entry(key, "new"), since)));
        assertEquals(Optional.empty(), value(key));
    }

    @Test
    void ofTwoWritersHoldingTheSameStampTheSecondRemovesWhatTheFirstWrote() {
        CacheKey key = key();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        assertTrue(as(tenant, () -> store.putUnlessChangedSince(entry(key, "first"), since)));
        assertFalse(as(tenant, () -> store.putUnlessChangedSince(entry(key, "second"), since)));
        assertEquals(Optional.empty(), value(key), "L2 empties; the next read fills it from L3, whichever write won there");
        FillStamp now = as(tenant, () -> stamps.stamp(key));
        assertTrue(as(tenant, () -> store.putUnlessChangedSince(entry(key, "third"), now)));
        assertEquals(Optional.of("third"), value(key));
    }

    @Test
    void leasesAndOtherTenantsAreLeftAlone() {
        CacheKey key = key();
        LeaseToken lease = as(tenant, () -> leases.acquire(key, Duration.ofSeconds(10))).orElseThrow();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        assertTrue(as(tenant, () -> store.putUnlessChangedSince(entry(key, "1"), since)));
        assertTrue(as(tenant, () -> leases.redeem(key, lease)), "a guarded write does not void a lease");

        TenantId other = newTenant();
        FillStamp othersStamp = as(other, () -> stamps.stamp(key));
        assertTrue(as(other, () -> store.putUnlessChangedSince(entry(key, "theirs"), othersStamp)), "stamps are per tenant");
        assertEquals(Optional.of("1"), value(key));
    }
}
