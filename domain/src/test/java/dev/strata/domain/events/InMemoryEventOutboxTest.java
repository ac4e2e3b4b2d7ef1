package dev.strata.domain.events;

import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.MutableClock;

class InMemoryEventOutboxTest extends EventOutboxContract {
    private final MutableClock clock = drivenBy(new MutableClock());
    private final InMemoryEventLog memoryLog = new InMemoryEventLog(clock);

    @Override
    protected EventLog createLog() {
        return memoryLog;
    }

    @Override
    protected EventOutbox createOutbox() {
        return new InMemoryEventOutbox(memoryLog);
    }
}
