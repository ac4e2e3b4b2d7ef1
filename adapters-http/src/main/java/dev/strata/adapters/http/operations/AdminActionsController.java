package dev.strata.adapters.http.operations;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.operations.port.InvalidateCacheAsAdminUseCase;
import dev.strata.application.operations.port.ListAdminAuditQuery;
import dev.strata.application.operations.port.ListAdminAuditUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.operations.AdminAuditRecord;
import dev.strata.domain.shared.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * HTTP adapter: the dashboard's actions on the caller's tenant ({@code /v1/admin}, scope {@code admin}) — invalidate a
 * cache namespace or one tag of it — and the admin audit log that records every action (these and dead-letter replays).
 */
@Controller("/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "operations")
@SecurityRequirement(name = "bearerAuth")
@RequiresScope("admin")
public class AdminActionsController {
    private final InvalidateCacheAsAdminUseCase invalidate;
    private final ListAdminAuditUseCase audit;

    public AdminActionsController(InvalidateCacheAsAdminUseCase invalidate, ListAdminAuditUseCase audit) {
        this.invalidate = invalidate;
        this.audit = audit;
    }

    @Operation(summary = "Invalidate a cache namespace, or only its entries carrying a tag: {\"invalidated\": n} (audited)")
    @Post("/cache/invalidate")
    public AdminInvalidateResponse invalidate(@Body @Nullable AdminCacheInvalidateRequest request,
                                              @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        if (request == null) {
            throw new InvalidInputException("namespace", "namespace is required");
        }
        return new AdminInvalidateResponse(invalidate.invalidate(request.commandFor(principal.subject())));
    }

    @Operation(summary = "The admin audit log of the caller's tenant, newest first")
    @Get("/audit")
    public PageResponse<AdminAuditResponse> audit(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        Page<AdminAuditRecord> page = audit.list(new ListAdminAuditQuery(PageRequest.of(limit, cursor)));
        return new PageResponse<>(page.items().stream().map(AdminAuditResponse::of).toList(), page.nextCursor().orElse(null));
    }
}
