package dev.strata.adapters.postgres.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheStoreContract;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cache store contract against real Postgres (L3, with row-level security), plus the expiry purge. */
class PostgresCacheStoreIT extends CacheStoreContract {
    @Override
    protected CacheStore createSubject() {
        return PostgresTestContext.shared().getBean(PostgresCacheStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    @Test
    void thePurgeDeletesExpiredRowsInBatchesAndKeepsLiveOnes() {
        PostgresCacheStore postgres = (PostgresCacheStore) store;
        for (int i = 0; i < 25; i++) {
            CacheEntry expired = entry(NS, "old-" + i, "1", Duration.ofMillis(-10));
            runAs(tenant, () -> postgres.put(expired));
        }
        CacheEntry live = entry("live", "2");
        runAs(tenant, () -> postgres.put(live));
        assertEquals(10, as(tenant, () -> postgres.purgeExpired(10)));
        long rest = PostgresTestContext.shared().getBean(CacheExpiryPurge.class).purgeAll();
        assertTrue(rest >= 15, "the pass over all tenants purged the remaining rows: " + rest);
        assertEquals(0, as(tenant, () -> postgres.purgeExpired(10)));
        assertEquals(live, as(tenant, () -> postgres.get(live.key())).orElseThrow());
    }
}
