package dev.strata.application.identity;

import dev.strata.application.identity.port.IssueClientTokenCommand;
import dev.strata.application.identity.port.IssueClientTokenUseCase;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Service implementing {@link IssueClientTokenUseCase}. Unknown clients spend the same hashing
 * work as known ones, so response time does not tell whether a client id exists. Every hash runs on
 * the bounded hashing pool: when it is saturated the answer is {@link Busy}, never an unbounded wait.
 * A client id without the registry's shape is refused before any hash or lookup: its shape is public,
 * so refusing it fast reveals nothing about which clients exist.
 */
public class IssueClientTokenService implements IssueClientTokenUseCase {
    private final ClientRegistry clients;
    private final PasswordHashing hashing;

    public IssueClientTokenService(ClientRegistry clients, PasswordHashing hashing) {
        this.clients = clients;
        this.hashing = hashing;
    }

    @Override
    public TokenDecision issueClientToken(IssueClientTokenCommand command) {
        String secret = command.clientSecret() == null ? "" : command.clientSecret();
        if (!ClientId.isWellFormed(command.clientId())) {
            return new InvalidClient();
        }
        ClientId id = new ClientId(command.clientId());
        Optional<TenantId> tenant = clients.tenantOf(id);
        Optional<ServiceClient> client = tenant.flatMap(t -> TenantContext.callAs(t, () -> clients.find(id)));
        Optional<Boolean> matches = client.isPresent()
                ? hashing.verify(secret, client.get().secretHash())
                : hashing.burn(secret);
        if (matches.isEmpty()) {
            return new Busy();
        }
        if (!matches.get()) {
            return new InvalidClient();
        }
        Set<Scope> held = client.get().scopes();
        if (command.requestedScopes().isEmpty()) {
            return new Granted(tenant.get(), id, held);
        }
        EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String name : command.requestedScopes().get()) {
            Optional<Scope> scope = Scope.fromWire(name);
            if (scope.isEmpty() || !held.contains(scope.get())) {
                return new InvalidScope("scope '" + safe(name) + "' is unknown or not granted to this client");
            }
            granted.add(scope.get());
        }
        return new Granted(tenant.get(), id, granted);
    }

    private static String safe(String name) {
        String clipped = name.length() > 40 ? name.substring(0, 40) : name;
        return clipped.replaceAll("[^A-Za-z0-9:_.-]", "?");
    }
}
