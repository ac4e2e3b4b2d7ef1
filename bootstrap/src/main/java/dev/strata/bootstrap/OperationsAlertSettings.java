package dev.strata.bootstrap;

import dev.strata.domain.operations.AlertThresholds;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Alert thresholds ({@code strata.operations.alerts.*}); rates are 0..1.
 *
 * @param redisMemory   Redis used / maxmemory above which {@code redis.memory} fires (0.9)
 * @param hitRate       overall cache hit rate below which {@code cache.hit-rate} fires (0.7)
 * @param minRequests   cache reads / HTTP requests needed before a rate rule judges (100)
 * @param consumerLag   events a group is behind above which {@code stream.lag} fires (1000)
 * @param oldestPending age of a group's oldest unacknowledged delivery above which {@code stream.pending-age} fires (5m)
 * @param outboxAge     age of the oldest event not yet relayed above which {@code outbox.age} fires (30s)
 * @param redisPing     PING latency above which {@code redis.latency} fires (50ms)
 * @param http5xxRate   share of 5xx answers above which {@code http.errors} fires (0.005)
 * @param httpP95       p95 latency above which {@code http.latency} fires (500ms)
 * @param trafficWindow the sliding window over which the cluster's evaluator judges the traffic rules (hit rate, 5xx
 *                      rate, p95 latency), summing every instance's traffic (5m)
 * @param poolWaitingFor how long threads must have waited for a Postgres connection on an instance, at every stored
 *                      interval, before the cluster's evaluator delivers {@code postgres.pool-waiting} (1m)
 */
@ConfigurationProperties("strata.operations.alerts")
public record OperationsAlertSettings(@Bindable(defaultValue = "0.9") double redisMemory,
                                      @Bindable(defaultValue = "0.7") double hitRate,
                                      @Bindable(defaultValue = "100") long minRequests,
                                      @Bindable(defaultValue = "1000") long consumerLag,
                                      @Bindable(defaultValue = "5m") Duration oldestPending,
                                      @Bindable(defaultValue = "30s") Duration outboxAge,
                                      @Bindable(defaultValue = "50ms") Duration redisPing,
                                      @Bindable(defaultValue = "0.005") double http5xxRate,
                                      @Bindable(defaultValue = "500ms") Duration httpP95,
                                      @Bindable(defaultValue = "5m") Duration trafficWindow,
                                      @Bindable(defaultValue = "1m") Duration poolWaitingFor) {

    AlertThresholds thresholds() {
        try {
            return new AlertThresholds(redisMemory, hitRate, minRequests, consumerLag, oldestPending, outboxAge, redisPing,
                    http5xxRate, httpP95);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("strata.operations.alerts: " + e.getMessage());
        }
    }
}
