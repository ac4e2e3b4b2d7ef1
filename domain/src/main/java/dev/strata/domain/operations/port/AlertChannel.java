package dev.strata.domain.operations.port;

import dev.strata.domain.operations.AlertTransition;

/**
 * Driven port: an outside channel operators are paged through (a webhook). {@code json} is the transition as the
 * operations event carries it. Never throws and never blocks on the receiver: delivery is asynchronous and retried.
 */
public interface AlertChannel {
    void send(AlertTransition transition, byte[] json);

    /** A channel that sends nothing (none configured). */
    static AlertChannel none() {
        return (transition, json) -> {
        };
    }
}
