package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link CacheStore#putUnlessChangedSince}, the guarded write of the tier above the durable
 * one, with the {@link CacheLeases} whose stamps guard it: the fakes and Redis extend it.
 */
public abstract class GuardedCacheWritesContract extends ContractSupport {
    private static final ResourceName NS = new ResourceName("guarded");

    private CacheStore store;
    private CacheLeases stamps;
    private TenantId tenant;

    /** Hook: a store and the leases whose stamps guard its writes; called before each test. */
    protected abstract Subject createSubject();

    /** What is under test. */
    public record Subject(CacheStore store, CacheLeases stamps) {
    }

    @BeforeEach
    void createGuardedStore() {
        Subject subject = createSubject();
        store = subject.store();
        stamps = subject.stamps();
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
        runAs(tenant, () -> stamps.voidKeys(NS, List.of(key.key())));
        assertFalse(as(tenant, () -> store.putUnlessChangedSince(entry(key, "new"), since)));
        assertEquals(Optional.empty(), value(key), "neither the old nor the new value");
    }

    @Test
    void aNamespaceVoidedSinceTheStampRefusesTheWriteToo() {
        CacheKey key = key();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        runAs(tenant, () -> stamps.voidNamespace(NS));
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
        LeaseToken lease = as(tenant, () -> stamps.acquire(key, Duration.ofSeconds(10))).orElseThrow();
        FillStamp since = as(tenant, () -> stamps.stamp(key));
        assertTrue(as(tenant, () -> store.putUnlessChangedSince(entry(key, "1"), since)));
        assertTrue(as(tenant, () -> stamps.redeem(key, lease)), "a guarded write does not void a lease");

        TenantId other = newTenant();
        FillStamp othersStamp = as(other, () -> stamps.stamp(key));
        assertTrue(as(other, () -> store.putUnlessChangedSince(entry(key, "theirs"), othersStamp)), "stamps are per tenant");
        assertEquals(Optional.of("1"), value(key));
    }
}
