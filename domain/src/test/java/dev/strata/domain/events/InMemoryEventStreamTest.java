package dev.strata.domain.events;

import dev.strata.domain.events.port.EventStream;

/** The event-stream contract against the in-memory fake. */
class InMemoryEventStreamTest extends EventStreamContract {
    @Override
    protected EventStream createSubject() {
        return new InMemoryEventStream();
    }
}
