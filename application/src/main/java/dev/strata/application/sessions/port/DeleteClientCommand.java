package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.ClientId;
import java.util.Objects;

/** Command: delete a service client of the current tenant. */
public record DeleteClientCommand(ClientId clientId) {
    public DeleteClientCommand {
        Objects.requireNonNull(clientId, "clientId must not be null");
    }
}
