package dev.strata.adapters.http.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * HTTP adapter: the OpenAPI document's header: title, version, description and the bearer JWT scheme
 * every endpoint requires unless it says otherwise. The processor writes the document at compile time.
 */
@OpenAPIDefinition(
        info = @Info(
                title = StrataOpenApi.TITLE,
                version = StrataOpenApi.VERSION,
                description = "Strata: a multi-tenant data backbone on Redis and Postgres: tiered cache, sessions and "
                        + "identity, rate limits, vector search, secrets, events and conversations. Errors are RFC 9457 "
                        + "application/problem+json; every response carries X-Request-Id."),
        security = @SecurityRequirement(name = StrataOpenApi.SECURITY_SCHEME))
@SecurityScheme(
        name = StrataOpenApi.SECURITY_SCHEME,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "Access token from POST /v1/auth/token (service clients) or POST /v1/auth/login (end users).")
public final class StrataOpenApi {
    public static final String TITLE = "Strata";
    public static final String VERSION = "1";
    /** Name of the bearer JWT scheme, for {@code @SecurityRequirement(name = ...)} on operations. */
    public static final String SECURITY_SCHEME = "bearerAuth";

    private StrataOpenApi() {
    }
}
