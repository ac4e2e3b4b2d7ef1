package dev.strata.adapters.http.operations;

import dev.strata.adapters.http.health.HealthChecks;
import dev.strata.adapters.http.health.HealthReport;
import dev.strata.adapters.http.health.HealthStatus;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.operations.port.GetOverviewUseCase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * HTTP adapter: {@code GET /v1/admin/overview} (scope {@code admin}) — the cluster's and this instance's figures,
 * the caller's consumer groups, and the alerts that hold now; computed fresh on every call.
 */
@Controller("/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Operations")
@SecurityRequirement(name = "bearerAuth")
@RequiresScope("admin")
public class OperationsController {
    /** This instance: host name, process id and a random part (two contexts in one process differ). */
    private final String instance = instanceId();

    private final GetOverviewUseCase overview;
    private final HealthChecks health;

    public OperationsController(GetOverviewUseCase overview, HealthChecks health) {
        this.overview = overview;
        this.health = health;
    }

    @Operation(summary = "Operations overview: Redis, Postgres pool, cache and HTTP figures, the caller's stream lags, alerts",
            description = "Figures unknown now are null (Redis down: redis.up=false, its figures null, alert redis.unreachable). "
                    + "Rates are 0..1. streams lists the calling tenant's consumer groups only.")
    @Get(uri = "/overview", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<OverviewResponse> overview() {
        HealthReport report = health.check().join();
        HealthStatus status = report.status();
        return HttpResponse.ok(OverviewResponse.of(overview.overview(), instance, status))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
    }
}
