package dev.strata.application.events.port;

import dev.strata.domain.events.Event;
import java.util.List;

/** Use case: a topic's history — from the live stream when it holds the range, else from the durable log. */
public interface ReadEventsUseCase {
    List<Event> readEvents(ReadEventsQuery query);
}
