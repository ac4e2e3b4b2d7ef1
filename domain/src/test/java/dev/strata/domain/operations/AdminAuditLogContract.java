package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link AdminAuditLog}: the in-memory fake and the Postgres adapter extend it. */
public abstract class AdminAuditLogContract extends ContractSupport {
    protected AdminAuditLog log;
    protected TenantId tenant;

    /** Hook: the log under test; called before each test. */
    protected abstract AdminAuditLog createSubject();

    @BeforeEach
    void createAdminAuditLog() {
        log = createSubject();
        tenant = newTenant();
    }

    protected AdminAuditEntry entry(String target) {
        return new AdminAuditEntry("client:ops-" + unique(), AdminAction.CACHE_INVALIDATE_TAG, target, true,
                "invalidated 3", now());
    }

    protected AdminAuditRecord append(TenantId in, AdminAuditEntry entry) {
        return as(in, () -> log.append(entry));
    }

    @Test
    void keepsEveryFieldOfTheEntryExactly() {
        AdminAuditEntry entry = new AdminAuditEntry("cl_ü-1", AdminAction.EVENTS_REPLAY_DEAD_LETTER,
                "orders/billing/42-0", false, "404 events.dead_letter_not_found", now());
        AdminAuditRecord stored = append(tenant, entry);
        assertEquals(entry, stored.entry());
        assertEquals(List.of(stored), as(tenant, () -> log.readNewestFirst(OptionalLong.empty(), 10)));
    }

    @Test
    void readsNewestFirstPageByPage() {
        AdminAuditRecord first = append(tenant, entry("products"));
        AdminAuditRecord second = append(tenant, entry("products#tag"));
        AdminAuditRecord third = append(tenant, entry("carts"));
        assertTrue(first.id() < second.id() && second.id() < third.id(), "ids increase in the order of appends");

        assertEquals(List.of(third, second), as(tenant, () -> log.readNewestFirst(OptionalLong.empty(), 2)));
        assertEquals(List.of(first), as(tenant, () -> log.readNewestFirst(OptionalLong.of(second.id()), 2)));
        assertEquals(List.of(), as(tenant, () -> log.readNewestFirst(OptionalLong.of(first.id()), 2)));
    }

    @Test
    void tenantsSeeOnlyTheirOwnRecordsBothWays() {
        TenantId other = newTenant();
        AdminAuditRecord mine = append(tenant, entry("mine"));
        AdminAuditRecord theirs = append(other, entry("theirs"));
        assertEquals(List.of(mine), as(tenant, () -> log.readNewestFirst(OptionalLong.empty(), 10)));
        assertEquals(List.of(theirs), as(other, () -> log.readNewestFirst(OptionalLong.empty(), 10)));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> as(tenant, () -> log.readNewestFirst(OptionalLong.empty(), 0)));
    }
}
