package dev.strata.domain.sessions.port;

import dev.strata.domain.shared.ClientId;

/**
 * Driven port: the durable answer to "does this service client still exist?", asked when
 * {@link AccessRevocations} has no record of the client. Served by the identity area's client registry.
 */
@FunctionalInterface
public interface KnownClients {
    boolean exists(ClientId id);
}
