package dev.strata.application.identity.port;

import dev.strata.domain.shared.ClientId;
import java.util.Objects;

/** Command: delete a service client of the current tenant. */
public record DeleteClientCommand(ClientId clientId) {
    public DeleteClientCommand {
        Objects.requireNonNull(clientId, "clientId must not be null");
    }
}
