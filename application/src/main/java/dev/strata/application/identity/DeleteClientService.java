package dev.strata.application.identity;

import dev.strata.application.identity.port.DeleteClientCommand;
import dev.strata.application.identity.port.DeleteClientUseCase;
import dev.strata.application.sessions.AccessView;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.StoreUnavailableException;
import java.time.Duration;

/**
 * Service implementing {@link DeleteClientUseCase}. Postgres first (the truth), then a revocation
 * record in Redis for the longest token lifetime, then the broadcast that makes every instance's
 * {@link AccessView} drop the client; it returns once that is in force, so every instance refuses the
 * client's tokens from the next request on. If Redis cannot be written, the delete still holds:
 * instances that cannot read Redis ask Postgres, and "active" records in Redis and in memory expire
 * within {@link AccessRevocations#ACTIVE_RECORD_TTL}.
 */
public class DeleteClientService implements DeleteClientUseCase {
    private final ClientRegistry clients;
    private final AccessRevocations revocations;
    private final Duration longestTokenLifetime;
    private final AccessView view;

    public DeleteClientService(ClientRegistry clients, AccessRevocations revocations, Duration longestTokenLifetime,
                               AccessView view) {
        this.clients = clients;
        this.revocations = revocations;
        this.longestTokenLifetime = longestTokenLifetime;
        this.view = view;
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
        view.revokeClient(command.clientId().value());
    }
}
