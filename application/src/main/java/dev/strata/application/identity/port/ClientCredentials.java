package dev.strata.application.identity.port;

import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import java.util.Set;

/** Result: a freshly created client's id, its one-time plain secret, and its scopes. */
public record ClientCredentials(ClientId clientId, String clientSecret, Set<Scope> scopes) {
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>, scopes=" + scopes + "]";
    }
}
