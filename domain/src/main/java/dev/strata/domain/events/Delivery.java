package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: an event handed to a consumer of a group, and how many times it has been handed out so far. */
public record Delivery(Event event, long deliveryCount) {
    public Delivery {
        if (event == null) {
            throw new InvalidInputException("event", "event must not be null");
        }
        if (deliveryCount < 1) {
            throw new InvalidInputException("deliveryCount", "deliveryCount must be at least 1");
        }
    }
}
