package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link UserDirectory}: emails unique per tenant regardless of case, tenants apart. */
public abstract class UserDirectoryContract extends ContractSupport {
    protected UserDirectory users;
    protected TenantId tenant;

    protected abstract UserDirectory createSubject();

    @BeforeEach
    void createUserDirectory() {
        users = createSubject();
        tenant = newTenant();
    }

    private User user(String email) {
        return new User(UserId.random(), new Email(email), "$hash$" + unique(), now());
    }

    @Test
    void findsAUserByEmailInAnyCaseAndById() {
        User user = user("Ada." + unique() + "@Example.org");
        runAs(tenant, () -> users.create(user));
        assertEquals(user, as(tenant, () -> users.findByEmail(new Email(user.email().value().toUpperCase()))).orElseThrow());
        assertEquals(user, as(tenant, () -> users.findById(user.id())).orElseThrow());
        assertTrue(as(tenant, () -> users.findByEmail(new Email("nobody-" + unique() + "@example.org"))).isEmpty());
    }

    @Test
    void anEmailIsTakenOncePerTenantButFreeInAnother() {
        String email = "dup-" + unique() + "@example.org";
        runAs(tenant, () -> users.create(user(email)));
        assertThrows(ConflictException.class, () -> runAs(tenant, () -> users.create(user(email.toUpperCase()))));
        TenantId other = newTenant();
        runAs(other, () -> users.create(user(email)));
        assertTrue(as(other, () -> users.findByEmail(new Email(email))).isPresent());
    }

    @Test
    void changesAPasswordHashOnlyInItsTenant() {
        User user = user("pw-" + unique() + "@example.org");
        runAs(tenant, () -> users.create(user));
        TenantId other = newTenant();
        assertFalse(as(other, () -> users.changePassword(user.id(), "stolen")));
        assertTrue(as(other, () -> users.findById(user.id())).isEmpty());
        assertTrue(as(tenant, () -> users.changePassword(user.id(), "$new")));
        assertEquals("$new", as(tenant, () -> users.findById(user.id())).orElseThrow().passwordHash());
    }
}
