package dev.strata.application.identity;

import dev.strata.application.identity.port.ClientCredentials;
import dev.strata.application.identity.port.CreateClientCommand;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.shared.ClientId;
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
