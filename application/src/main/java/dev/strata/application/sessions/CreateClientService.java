package dev.strata.application.sessions;

import dev.strata.application.sessions.port.ClientCredentials;
import dev.strata.application.sessions.port.CreateClientCommand;
import dev.strata.application.sessions.port.CreateClientUseCase;
import dev.strata.domain.sessions.ClientId;
import dev.strata.domain.sessions.ServiceClient;
import dev.strata.domain.sessions.port.ClientRegistry;
import dev.strata.domain.sessions.port.SecretHasher;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.RandomTokens;
import dev.strata.domain.shared.TenantContext;

/** Service implementing {@link CreateClientUseCase}: 256-bit random secret, stored as a slow hash only. */
public class CreateClientService implements CreateClientUseCase {
    private final ClientRegistry clients;
    private final SecretHasher hasher;
    private final Clock clock;

    public CreateClientService(ClientRegistry clients, SecretHasher hasher, Clock clock) {
        this.clients = clients;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public ClientCredentials createClient(CreateClientCommand command) {
        ClientId id = ClientId.random();
        String secret = RandomTokens.next(32);
        clients.save(new ServiceClient(id, TenantContext.require(), command.name(), command.scopes(),
                hasher.hash(secret), clock.now()));
        return new ClientCredentials(id, secret, command.scopes());
    }
}
