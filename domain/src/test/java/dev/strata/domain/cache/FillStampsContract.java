package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link FillStamps}, with the {@link CacheLeases} whose voids move them: the in-memory fake
 * and the Redis adapter extend it.
 */
public abstract class FillStampsContract extends ContractSupport {
    protected static final ResourceName NS = new ResourceName("products");

    private FillStamps stamps;
    private CacheLeases leases;
    private TenantId tenant;

    /** Hook: the stamps under test and the leases that void them; called before each test. */
    protected abstract Subject createSubject();

    /** What is under test. */
    public record Subject(FillStamps stamps, CacheLeases leases) {
    }

    @BeforeEach
    void createStamps() {
        Subject subject = createSubject();
        stamps = subject.stamps();
        leases = subject.leases();
        tenant = newTenant();
    }

    private CacheKey key(String key) {
        return new CacheKey(NS, key);
    }

    @Test
    void stampsSeeKeyAndNamespaceVoids() {
        FillStamp stamp = as(tenant, () -> stamps.stamp(key("k")));
        assertTrue(as(tenant, () -> stamps.unchangedSince(key("k"), stamp)));
        runAs(tenant, () -> leases.voidKeys(NS, Set.of("other")));
        assertTrue(as(tenant, () -> stamps.unchangedSince(key("k"), stamp)), "another key's void");
        runAs(tenant, () -> leases.voidKeys(NS, Set.of("k")));
        assertFalse(as(tenant, () -> stamps.unchangedSince(key("k"), stamp)));

        FillStamp second = as(tenant, () -> stamps.stamp(key("k")));
        runAs(tenant, () -> leases.voidNamespace(NS));
        assertFalse(as(tenant, () -> stamps.unchangedSince(key("k"), second)));
    }

    @Test
    void aStampStaysTheSameUntilSomethingVoidsTheKey() {
        FillStamp first = as(tenant, () -> stamps.stamp(key("k")));
        assertEquals(first, as(tenant, () -> stamps.stamp(key("k"))));
        runAs(tenant, () -> leases.voidNamespace(new ResourceName("elsewhere")));
        assertEquals(first, as(tenant, () -> stamps.stamp(key("k"))), "another namespace's void");
    }

    @Test
    void tenantsAreSeparate() {
        TenantId other = newTenant();
        FillStamp stamp = as(tenant, () -> stamps.stamp(key("k")));
        runAs(other, () -> leases.voidKeys(NS, Set.of("k")));
        runAs(other, () -> leases.voidNamespace(NS));
        assertTrue(as(tenant, () -> stamps.unchangedSince(key("k"), stamp)), "another tenant's voids");
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> stamps.stamp(key("k")));
    }
}
