package dev.strata.adapters.http.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * HTTP adapter: body of {@code /health} and {@code /health/readiness} (and, without components,
 * of {@code /health/liveness}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "HealthReport", description = "Overall status and, for readiness, one entry per backing store.")
public record HealthReport(HealthStatus status, @Nullable Map<String, Component> components) {

    /** The state of one backing store. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ComponentHealth")
    public record Component(HealthStatus status, @Nullable String detail) {
    }

    /** True unless an essential component is down: DEGRADED still serves and is still ready. */
    public boolean ready() {
        return status != HealthStatus.DOWN;
    }
}
