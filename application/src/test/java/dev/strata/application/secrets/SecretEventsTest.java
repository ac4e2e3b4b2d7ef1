package dev.strata.application.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretEventsTest {
    @Test
    void aChangeIsAppendedToTheTenantsSecretsTopicWithNameAndVersionOnly() {
        InMemoryEventLog log = new InMemoryEventLog();
        SecretEvents events = new SecretEvents(log, new MutableClock());
        TenantId tenant = TenantId.random();
        TenantContext.runAs(tenant, () -> {
            events.changed(SecretChanges.Change.ROTATED, new ResourceName("db-password"), 4);
            events.changed(SecretChanges.Change.ROTATION_DUE, new ResourceName("api-key"), 1);
        });
        List<Event> appended = TenantContext.callAs(tenant, () -> log.readAfter(SecretEvents.TOPIC, 0, 10));
        assertEquals(2, appended.size());
        assertEquals("secret.rotated", appended.get(0).type());
        assertEquals(Optional.of("db-password"), appended.get(0).subject());
        assertEquals("{\"name\":\"db-password\",\"version\":4}", new String(appended.get(0).data(), StandardCharsets.UTF_8));
        assertEquals("secret.rotation_due", appended.get(1).type());
        assertEquals(0, TenantContext.callAs(TenantId.random(), () -> log.readAfter(SecretEvents.TOPIC, 0, 10)).size(),
                "another tenant's topic holds nothing");
    }
}
