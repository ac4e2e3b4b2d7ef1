package dev.strata.adapters.http.identity;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.domain.shared.Scope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** HTTP adapter: {@code GET /v1/ping}, an authenticated no-op (token check only) for clients and benchmarks. */
@Controller("/v1/ping")
@Tag(name = "auth")
@SecurityRequirement(name = "bearerAuth")
public class PingController {
    @Operation(summary = "Authenticated no-op: echoes the caller's tenant, subject and scopes")
    @Get
    public PingResponse ping(@RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return new PingResponse(principal.tenantId().toString(), principal.subject(),
                principal.scopes().stream().sorted().map(Scope::wire).toList());
    }
}
