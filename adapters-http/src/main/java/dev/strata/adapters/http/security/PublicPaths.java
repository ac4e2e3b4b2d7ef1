package dev.strata.adapters.http.security;

import java.util.Set;

/**
 * The API routes that need no token (API.md, "Auth"); every other route under {@code /v1} is denied
 * without one. Kept as one explicit list so that a new controller is protected by default. Routes
 * outside {@code /v1} (health, metrics, OpenAPI, the admin page) are public by contract and never
 * reach the {@link AuthenticationFilter}.
 */
public final class PublicPaths {
    private static final Set<String> PUBLIC = Set.of("/v1/auth/token", "/v1/auth/register", "/v1/auth/login",
            "/v1/auth/refresh", "/v1/auth/password-reset", "/v1/auth/password-reset/confirm");

    private PublicPaths() {
    }

    public static boolean isPublic(String path) {
        return PUBLIC.contains(path);
    }
}
