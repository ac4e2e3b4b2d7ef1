package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.ClientId;
import dev.strata.domain.sessions.Scope;
import java.util.Set;

/** Result: a freshly created client's id, its one-time plain secret, and its scopes. */
public record ClientCredentials(ClientId clientId, String clientSecret, Set<Scope> scopes) {
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>, scopes=" + scopes + "]";
    }
}
