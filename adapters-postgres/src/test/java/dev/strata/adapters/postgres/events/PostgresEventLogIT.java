package dev.strata.adapters.postgres.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.EventLogContract;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event log contract against real Postgres, plus its joining of the caller's transaction. */
class PostgresEventLogIT extends EventLogContract {
    private static PostgresEventLog subject() {
        return PostgresTestContext.shared().getBean(PostgresEventLog.class);
    }

    @Override
    protected EventLog createSubject() {
        return subject();
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private List<PendingTopic> pendingOf(TenantId tenant) {
        return PostgresTestContext.shared().getBean(PostgresEventOutbox.class).pendingTopics(100_000).stream()
                .filter(p -> p.tenant().equals(tenant)).toList();
    }

    @Test
    void appendsJoinTheCallersTransaction() {
        Topic topic = new Topic("uow-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        assertThrows(IllegalStateException.class, () -> runAs(tenant, () -> jdbc.run(() -> {
            subject().append(topic, event("n", "{}"), Optional.empty());
            throw new IllegalStateException("the caller's change failed");
        })));
        assertEquals(0, as(tenant, () -> subject().lastSequence(topic)), "rolled back with the caller");
        assertTrue(pendingOf(tenant).isEmpty());
    }
}
