package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link TenantDirectory}: the in-memory fake and the Postgres adapter extend it. */
public abstract class TenantDirectoryContract extends ContractSupport {
    protected TenantDirectory directory;

    /** Hook: the directory under test; called before each test. */
    protected abstract TenantDirectory createSubject();

    @BeforeEach
    void createDirectory() {
        directory = createSubject();
    }

    /** A tenant with a fresh random slug (so that runs on a shared database never collide). */
    protected Tenant freshTenant() {
        return new Tenant(TenantId.random(), new TenantSlug("t-" + unique()), now());
    }

    @Test
    void findsACreatedTenantBySlugAndById() {
        Tenant tenant = freshTenant();
        directory.create(tenant);
        assertEquals(tenant, directory.findBySlug(tenant.slug()).orElseThrow());
        assertEquals(tenant, directory.findById(tenant.id()).orElseThrow());
    }

    @Test
    void unknownTenantsAreAbsent() {
        assertTrue(directory.findBySlug(new TenantSlug("t-" + unique())).isEmpty());
        assertTrue(directory.findById(TenantId.random()).isEmpty());
    }

    @Test
    void aTakenSlugIsAConflictAndTheFirstTenantStays() {
        Tenant first = freshTenant();
        directory.create(first);
        Tenant second = new Tenant(TenantId.random(), first.slug(), now());
        assertThrows(ConflictException.class, () -> directory.create(second));
        assertEquals(first, directory.findBySlug(first.slug()).orElseThrow());
        assertTrue(directory.findById(second.id()).isEmpty());
    }

    @Test
    void tenantsAreDistinct() {
        Tenant a = freshTenant();
        Tenant b = freshTenant();
        directory.create(a);
        directory.create(b);
        assertEquals(a, directory.findById(a.id()).orElseThrow());
        assertEquals(b, directory.findById(b.id()).orElseThrow());
        assertEquals(b, directory.findBySlug(b.slug()).orElseThrow());
    }
}
