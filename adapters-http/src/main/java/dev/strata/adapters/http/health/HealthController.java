package dev.strata.adapters.http.health;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

/** HTTP adapter: liveness, readiness and component health for orchestrators and operators; no auth. */
@Controller("/health")
@Tag(name = "Operations")
@SecurityRequirement(name = "")
public class HealthController {
    private static final HealthReport ALIVE = new HealthReport(HealthStatus.UP, null);

    private final HealthChecks checks;

    public HealthController(HealthChecks checks) {
        this.checks = checks;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Health of Strata and of each backing store",
            description = "UP when every store answers; DEGRADED (still 200) when only Redis is down; DOWN (503) when Postgres is down.")
    @ApiResponse(responseCode = "200", description = "UP or DEGRADED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    @ApiResponse(responseCode = "503", description = "DOWN",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    public CompletableFuture<HttpResponse<HealthReport>> health() {
        return checks.check().thenApply(HealthController::respond);
    }

    @Get(uri = "/readiness", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Readiness: may this instance take traffic?",
            description = "Same rule and body as /health: 200 for UP and DEGRADED, 503 for DOWN.")
    @ApiResponse(responseCode = "200", description = "Ready",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    @ApiResponse(responseCode = "503", description = "Not ready",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    public CompletableFuture<HttpResponse<HealthReport>> readiness() {
        return checks.check().thenApply(HealthController::respond);
    }

    @Get(uri = "/liveness", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness: does the process answer?",
            description = "Always 200 while the process serves HTTP; it probes no store, so a store outage never restarts instances.")
    @ApiResponse(responseCode = "200", description = "Alive",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    public HttpResponse<HealthReport> liveness() {
        return noStore(HttpResponse.ok(ALIVE));
    }

    private static HttpResponse<HealthReport> respond(HealthReport report) {
        return noStore(HttpResponse.status(report.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        // a cached health answer is a wrong health answer
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
