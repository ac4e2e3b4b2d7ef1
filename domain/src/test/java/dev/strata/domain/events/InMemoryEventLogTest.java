package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest extends EventLogContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected EventLog createSubject() {
        return new InMemoryEventLog(clock);
    }

    @Override
    protected Instant now() {
        return clock.now();
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterItsWindow() {
        TenantId tenant = newTenant();
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("k"));
        TenantContext.runAs(tenant, () -> {
            log.append(ORDERS, event("a", "1"), key);
            clock.advance(EventLog.IDEMPOTENCY_WINDOW.minus(Duration.ofSeconds(1)));
            assertTrue(log.append(ORDERS, event("b", "2"), key).replayed());
            clock.advance(Duration.ofSeconds(1));
            AppendResult late = log.append(ORDERS, event("c", "3"), key);
            assertFalse(late.replayed());
            assertEquals(2, late.event().sequence());
        });
    }
}
