package dev.strata.application.events.port;

import dev.strata.domain.events.AppendResult;

/** Use case: publish an event durably (committed to the outbox before this returns); relayed to the stream after. */
public interface PublishEventUseCase {
    AppendResult publish(PublishEventCommand command);
}
