package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: the event an append produced, or — {@code replayed} — the one a repeated idempotency key first produced. */
public record AppendResult(Event event, boolean replayed) {
    public AppendResult {
        if (event == null) {
            throw new InvalidInputException("event", "event must not be null");
        }
    }
}
