package dev.strata.adapters.http.security;

import java.util.List;

/**
 * The routes that need no token (API.md, "Auth"); everything else is denied without one. Kept as
 * one explicit list so that a new controller is protected by default.
 */
public final class PublicPaths {
    private static final List<String> EXACT = List.of("/health", "/openapi.yml", "/prometheus",
            "/v1/auth/token", "/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh",
            "/v1/auth/password-reset", "/v1/auth/password-reset/confirm", "/.well-known/jwks.json", "/admin", "/admin/");
    private static final List<String> PREFIXES = List.of("/health/", "/admin/static/");

    private PublicPaths() {
    }

    public static boolean isPublic(String path) {
        return EXACT.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
    }
}
