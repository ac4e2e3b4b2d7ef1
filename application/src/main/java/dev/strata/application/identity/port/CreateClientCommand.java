package dev.strata.application.identity.port;

import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.Scope;
import java.util.Objects;
import java.util.Set;

/** Command: create a service client in the current tenant. */
public record CreateClientCommand(String name, Set<Scope> scopes) {
    public CreateClientCommand {
        name = ServiceClient.validName(name);
        Objects.requireNonNull(scopes, "scopes must not be null");
        if (scopes.isEmpty()) {
            throw new InvalidInputException("scopes", "scopes must not be empty");
        }
        if (scopes.contains(Scope.USER)) {
            throw new InvalidInputException("scopes", "scope 'user' is reserved for end-user tokens");
        }
        scopes = Set.copyOf(scopes);
    }
}
