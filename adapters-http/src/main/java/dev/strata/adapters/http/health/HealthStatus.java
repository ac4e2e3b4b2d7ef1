package dev.strata.adapters.http.health;

import io.swagger.v3.oas.annotations.media.Schema;

/** HTTP adapter: overall and per-component health states as reported on {@code /health}. */
@Schema(name = "HealthStatus", description = "UP: all stores answer. DEGRADED: Redis is down, still serving. DOWN: Postgres is down.")
public enum HealthStatus {
    /** Everything answers. */
    UP,
    /** A non-essential component (Redis) is down; the service still serves, more slowly. */
    DEGRADED,
    /** An essential component (Postgres) is down; the service is not ready. */
    DOWN
}
