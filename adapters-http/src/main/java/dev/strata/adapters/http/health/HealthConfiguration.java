package dev.strata.adapters.http.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * HTTP adapter: health settings under {@code strata.health}.
 *
 * @param timeout how long one health check waits for all probes together; a probe that has not
 *                answered by then counts as down (default 2s, below the usual orchestrator timeout)
 */
@ConfigurationProperties("strata.health")
public record HealthConfiguration(@Bindable(defaultValue = "2s") Duration timeout) {
}
