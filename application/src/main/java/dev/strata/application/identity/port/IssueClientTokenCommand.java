package dev.strata.application.identity.port;

import java.util.Optional;
import java.util.Set;

/**
 * Command: the client-credentials grant. Raw strings on purpose: a malformed client id is a
 * failed authentication (401), not a validation error that would reveal anything.
 */
public record IssueClientTokenCommand(String clientId, String clientSecret, Optional<Set<String>> requestedScopes) {
    public IssueClientTokenCommand {
        requestedScopes = requestedScopes == null ? Optional.empty() : requestedScopes.map(Set::copyOf);
    }

    @Override
    public String toString() {
        return "IssueClientTokenCommand[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}
