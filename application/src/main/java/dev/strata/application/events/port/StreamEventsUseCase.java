package dev.strata.application.events.port;

import dev.strata.domain.events.Event;

/**
 * Use case: a live feed of a topic for one client — every event after the starting sequence exactly once and
 * in order (history first, then live), heartbeats in between; ended when the client cannot keep up.
 */
public interface StreamEventsUseCase {
    /** Prepares a feed into {@code sink} (resolving where it starts); start it once the client listens, close it when it leaves. */
    Feed open(StreamEventsQuery query, Sink sink);

    /** Where a feed's output goes (a client connection with a bounded buffer). */
    interface Sink {
        /** Hands over the next event; false when the client's buffer is full (the feed then ends). */
        boolean send(Event event);

        /** Hands over a heartbeat; false when the client's buffer is full. */
        boolean heartbeat();

        /** The feed ended (buffer overflow or shutdown); the client should reconnect with its last id. */
        void end();
    }

    /** A running feed. */
    interface Feed extends AutoCloseable {
        /** Begins sending: history first, then live events and heartbeats. */
        void start();

        @Override
        void close();
    }
}
