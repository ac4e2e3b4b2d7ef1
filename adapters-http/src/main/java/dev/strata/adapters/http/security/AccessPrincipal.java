package dev.strata.adapters.http.security;

import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The verified caller of a request: who ({@code sub}), in which tenant ({@code tid}), with which
 * scopes, and — for end users — which session ({@code sid}).
 */
public record AccessPrincipal(String subject, TenantId tenantId, Set<Scope> scopes, Optional<String> sessionId,
                              String tokenId, Instant issuedAt, Instant expiresAt) {
    /** Request attribute under which the authentication filter stores the principal. */
    public static final String ATTRIBUTE = "strata.principal";

    public AccessPrincipal {
        scopes = Set.copyOf(scopes);
    }

    public boolean isClient() {
        return sessionId.isEmpty();
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
