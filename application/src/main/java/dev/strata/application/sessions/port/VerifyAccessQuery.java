package dev.strata.application.sessions.port;

import dev.strata.domain.shared.ClientId;
import java.util.Objects;

/** Query: is the client behind a verified token still allowed? Runs in the token's tenant context. */
public record VerifyAccessQuery(ClientId clientId) {
    public VerifyAccessQuery {
        Objects.requireNonNull(clientId, "clientId must not be null");
    }
}
