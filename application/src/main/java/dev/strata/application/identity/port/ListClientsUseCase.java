package dev.strata.application.identity.port;

import dev.strata.application.shared.Page;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import java.time.Instant;
import java.util.Set;

/** Use case: list the current tenant's service clients (never their secrets). */
public interface ListClientsUseCase {
    Page<ClientView> listClients(ListClientsQuery query);

    /** What may be shown of a client. */
    record ClientView(ClientId clientId, String name, Set<Scope> scopes, Instant createdAt) {
    }
}
