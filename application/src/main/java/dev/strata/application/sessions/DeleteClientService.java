package dev.strata.application.sessions;

import dev.strata.application.sessions.port.DeleteClientCommand;
import dev.strata.application.sessions.port.DeleteClientUseCase;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.ClientRegistry;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.StoreUnavailableException;
import java.time.Duration;

/**
 * Service implementing {@link DeleteClientUseCase}. Postgres first (the truth), then a revocation
 * record in Redis for the longest token lifetime, so that every instance refuses the client's
 * tokens on its next request. If Redis cannot be written, the delete still holds: instances that
 * cannot read Redis ask Postgres, and "active" records in Redis expire within
 * {@link #ACTIVE_RECORD_TTL}.
 */
public class DeleteClientService implements DeleteClientUseCase {
    /** How long an "active" record may be trusted; bounds staleness if a revocation could not reach Redis. */
    public static final Duration ACTIVE_RECORD_TTL = Duration.ofSeconds(60);

    private final ClientRegistry clients;
    private final AccessRevocations revocations;
    private final Duration longestTokenLifetime;

    public DeleteClientService(ClientRegistry clients, AccessRevocations revocations, Duration longestTokenLifetime) {
        this.clients = clients;
        this.revocations = revocations;
        this.longestTokenLifetime = longestTokenLifetime;
    }

    @Override
    public void deleteClient(DeleteClientCommand command) {
        if (!clients.delete(command.clientId())) {
            throw new NotFoundException("sessions.client_not_found", "client not found");
        }
        try {
            revocations.revoke(command.clientId(), longestTokenLifetime);
        } catch (StoreUnavailableException e) {
            // Deleted in Postgres; see the class comment for how the revocation still takes effect.
        }
    }
}
