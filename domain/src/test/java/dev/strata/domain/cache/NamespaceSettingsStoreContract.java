package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link NamespaceSettingsStore}: the in-memory fake and the Postgres adapter extend it. */
public abstract class NamespaceSettingsStoreContract extends ContractSupport {
    protected static final ResourceName NS = new ResourceName("products");
    protected NamespaceSettingsStore store;
    protected TenantId tenant;

    protected abstract NamespaceSettingsStore createSubject();

    @BeforeEach
    void createStore() {
        store = createSubject();
        tenant = newTenant();
    }

    @Test
    void anUnconfiguredNamespaceIsEmpty() {
        assertTrue(as(tenant, () -> store.find(NS)).isEmpty());
    }

    @Test
    void savedSettingsComeBackAndCanBeReplaced() {
        NamespaceSettings first = new NamespaceSettings(NS, Duration.ofSeconds(60), false, true, 500, Duration.ofSeconds(5));
        runAs(tenant, () -> store.save(first));
        assertEquals(first, as(tenant, () -> store.find(NS)).orElseThrow());
        NamespaceSettings second = new NamespaceSettings(NS, Duration.ofDays(2), true, false, 1, Duration.ofSeconds(1));
        runAs(tenant, () -> store.save(second));
        assertEquals(second, as(tenant, () -> store.find(NS)).orElseThrow());
    }

    @Test
    void tenantsNeverSeeEachOthersSettings() {
        TenantId other = newTenant();
        runAs(tenant, () -> store.save(NamespaceSettings.defaults(NS)));
        assertTrue(as(other, () -> store.find(NS)).isEmpty());
        NamespaceSettings theirs = new NamespaceSettings(NS, Duration.ofSeconds(7), false, false, 3, Duration.ofSeconds(2));
        runAs(other, () -> store.save(theirs));
        assertEquals(NamespaceSettings.defaults(NS), as(tenant, () -> store.find(NS)).orElseThrow());
        assertEquals(theirs, as(other, () -> store.find(NS)).orElseThrow());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.find(NS));
    }
}
