package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link CacheLeases}: the in-memory fake and the Redis adapter extend it. */
public abstract class CacheLeasesContract extends ContractSupport {
    protected static final ResourceName NS = new ResourceName("products");
    protected static final Duration TTL = Duration.ofSeconds(10);

    protected CacheLeases leases;
    protected TenantId tenant;

    protected abstract CacheLeases createSubject();

    @BeforeEach
    void createLeases() {
        leases = createSubject();
        tenant = newTenant();
    }

    private CacheKey key(String key) {
        return new CacheKey(NS, key);
    }

    @Test
    void exactlyOneOfManyConcurrentCallersGetsTheLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Optional<LeaseToken>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> as(tenant, () -> leases.acquire(key("hot\u0000key"), TTL)));
            }
            int granted = 0;
            for (Future<Optional<LeaseToken>> future : pool.invokeAll(calls)) {
                granted += future.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, granted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseIsRedeemedOnceAndThenANewOneCanBeGranted() {
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), TTL)).orElseThrow();
        assertTrue(as(tenant, () -> leases.redeem(key("k"), token)));
        assertFalse(as(tenant, () -> leases.redeem(key("k"), token)), "spent");
        assertTrue(as(tenant, () -> leases.acquire(key("k"), TTL)).isPresent());
    }

    @Test
    void aWrongTokenIsRefusedAndLeavesTheLeaseAlone() {
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), TTL)).orElseThrow();
        assertFalse(as(tenant, () -> leases.redeem(key("k"), LeaseToken.random())));
        assertFalse(as(tenant, () -> leases.redeem(key("other"), token)));
        assertTrue(as(tenant, () -> leases.redeem(key("k"), token)));
    }

    @Test
    void aKeyVoidVoidsItsLeaseAndAllowsANewOne() {
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), TTL)).orElseThrow();
        runAs(tenant, () -> leases.voidKeys(NS, Set.of("k")));
        assertFalse(as(tenant, () -> leases.redeem(key("k"), token)));
        assertTrue(as(tenant, () -> leases.acquire(key("k"), TTL)).isPresent());
    }

    @Test
    void aNamespaceVoidVoidsEveryLeaseOfIt() {
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), TTL)).orElseThrow();
        LeaseToken other = as(tenant, () -> leases.acquire(new CacheKey(new ResourceName("other"), "k"), TTL)).orElseThrow();
        runAs(tenant, () -> leases.voidNamespace(NS));
        assertFalse(as(tenant, () -> leases.redeem(key("k"), token)));
        assertTrue(as(tenant, () -> leases.redeem(new CacheKey(new ResourceName("other"), "k"), other)));
    }

    @Test
    void anExpiredLeaseIsWorthNothingAndFreesTheKey() {
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), Duration.ofMillis(300))).orElseThrow();
        elapse(Duration.ofMillis(900));
        assertFalse(as(tenant, () -> leases.redeem(key("k"), token)));
        assertTrue(as(tenant, () -> leases.acquire(key("k"), TTL)).isPresent());
    }

    @Test
    void tenantsAreSeparate() {
        TenantId other = newTenant();
        LeaseToken token = as(tenant, () -> leases.acquire(key("k"), TTL)).orElseThrow();
        assertTrue(as(other, () -> leases.acquire(key("k"), TTL)).isPresent(), "another tenant's key");
        assertFalse(as(other, () -> leases.redeem(key("k"), token)));
        runAs(other, () -> leases.voidNamespace(NS));
        assertTrue(as(tenant, () -> leases.redeem(key("k"), token)));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> leases.acquire(key("k"), TTL));
    }
}
