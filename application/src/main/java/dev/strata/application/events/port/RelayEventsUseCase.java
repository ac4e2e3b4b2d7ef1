package dev.strata.application.events.port;

/** Use case: move committed events from the durable outbox to the live stream, once, in order; returns events moved. */
public interface RelayEventsUseCase {
    int relayPending();
}
