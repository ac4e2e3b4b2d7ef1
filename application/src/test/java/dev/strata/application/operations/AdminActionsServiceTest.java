package dev.strata.application.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.operations.port.InvalidateCacheAsAdminCommand;
import dev.strata.application.operations.port.ListAdminAuditQuery;
import dev.strata.application.operations.port.RecordAdminActionCommand;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.operations.AdminAction;
import dev.strata.domain.operations.AdminAuditRecord;
import dev.strata.domain.operations.InMemoryAdminAuditLog;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminActionsServiceTest {
    private static final ResourceName NS = new ResourceName("products");
    private final InMemoryAdminAuditLog log = new InMemoryAdminAuditLog();
    private final List<InvalidateCacheCommand> tagInvalidations = new ArrayList<>();
    private final List<ResourceName> namespaceInvalidations = new ArrayList<>();
    private RuntimeException cacheFault;
    private final AdminActionsService service = new AdminActionsService(
            command -> {
                tagInvalidations.add(command);
                return 2;
            },
            namespace -> {
                if (cacheFault != null) {
                    throw cacheFault;
                }
                namespaceInvalidations.add(namespace);
                return 5;
            },
            log, () -> Instant.parse("2026-12-06T04:00:00Z"));
    private final TenantId tenant = TenantId.random();

    @BeforeEach
    void enter() {
        TenantContext.swap(tenant);
    }

    @AfterEach
    void leave() {
        TenantContext.swap(null);
    }

    private List<AdminAuditRecord> audit() {
        return service.list(new ListAdminAuditQuery(PageRequest.of(null, null))).items();
    }

    @Test
    void aNamespaceInvalidationRunsAndIsAudited() {
        assertEquals(5, service.invalidate(new InvalidateCacheAsAdminCommand("cl_ops", NS, Optional.empty())));
        assertEquals(List.of(NS), namespaceInvalidations);
        AdminAuditRecord record = audit().get(0);
        assertEquals("cl_ops", record.entry().actor());
        assertEquals(AdminAction.CACHE_INVALIDATE_NAMESPACE, record.entry().action());
        assertEquals("products", record.entry().target());
        assertTrue(record.entry().succeeded());
        assertEquals("invalidated 5", record.entry().detail());
    }

    @Test
    void aTagInvalidationGoesThroughTheCacheUseCaseWithThatTagOnly() {
        assertEquals(2, service.invalidate(new InvalidateCacheAsAdminCommand("cl_ops", NS, Optional.of(new Tag("red")))));
        assertEquals(Set.of(new Tag("red")), tagInvalidations.get(0).tags());
        assertTrue(tagInvalidations.get(0).keys().isEmpty() && tagInvalidations.get(0).prefix().isEmpty());
        assertEquals("products#red", audit().get(0).entry().target());
        assertEquals(AdminAction.CACHE_INVALIDATE_TAG, audit().get(0).entry().action());
    }

    @Test
    void aFailedActionIsAuditedAsFailedAndItsErrorRethrown() {
        cacheFault = new StoreUnavailableException("redis", "redis down", null);
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> service.invalidate(new InvalidateCacheAsAdminCommand("cl_ops", NS, Optional.empty())));
        assertSame(cacheFault, thrown);
        AdminAuditRecord record = audit().get(0);
        assertFalse(record.entry().succeeded());
        assertFalse(record.entry().detail().contains("redis down"), "the log keeps the kind of fault, not its message");
    }

    @Test
    void theAuditPagesNewestFirstWithACursor() {
        for (int i = 0; i < 5; i++) {
            service.record(new RecordAdminActionCommand("cl_ops", AdminAction.EVENTS_REPLAY_DEAD_LETTER, "t/g/" + i, true, "204"));
        }
        Page<AdminAuditRecord> first = service.list(new ListAdminAuditQuery(PageRequest.of(3, null)));
        assertEquals(List.of("t/g/4", "t/g/3", "t/g/2"), first.items().stream().map(r -> r.entry().target()).toList());
        Page<AdminAuditRecord> second = service.list(new ListAdminAuditQuery(PageRequest.of(3, first.nextCursor().orElseThrow())));
        assertEquals(List.of("t/g/1", "t/g/0"), second.items().stream().map(r -> r.entry().target()).toList());
        assertTrue(second.nextCursor().isEmpty());
    }

    @Test
    void aForgedCursorIsABadRequestNamingTheCursor() {
        String forged = PageRequest.encode("not-a-number");
        assertEquals("cursor", assertThrows(InvalidInputException.class,
                () -> service.list(new ListAdminAuditQuery(PageRequest.of(3, forged)))).field());
    }
}
