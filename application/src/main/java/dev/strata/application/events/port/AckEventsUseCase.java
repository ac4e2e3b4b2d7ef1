package dev.strata.application.events.port;

/** Use case: acknowledge delivered events so that they are not delivered again; returns how many were pending. */
public interface AckEventsUseCase {
    long ack(AckEventsCommand command);
}
