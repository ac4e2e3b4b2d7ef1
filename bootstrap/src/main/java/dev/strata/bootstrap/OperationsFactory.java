package dev.strata.bootstrap;

import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.PublishEventUseCase;
import dev.strata.application.operations.AlertDeliveryService;
import dev.strata.application.operations.ClusterSampleService;
import dev.strata.application.operations.ClusterTraffic;
import dev.strata.application.operations.port.EvaluateAlertsUseCase;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.operations.port.AlertChannel;
import dev.strata.domain.operations.port.AlertLedger;
import java.util.Optional;
import dev.strata.application.operations.OverviewService;
import dev.strata.application.operations.port.SampleClusterUseCase;
import dev.strata.domain.operations.port.ClusterFigures;
import dev.strata.application.operations.port.GetOverviewUseCase;
import dev.strata.domain.operations.AlertRules;
import dev.strata.domain.operations.port.GroupDirectory;
import dev.strata.domain.operations.port.OutboxMonitor;
import dev.strata.domain.operations.port.PoolMonitor;
import dev.strata.domain.operations.port.RedisMonitor;
import dev.strata.domain.operations.port.TrafficLedger;
import dev.strata.domain.operations.port.TrafficMonitor;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/** Wiring of the operations use cases: the overview, the cluster sample for metrics and the alert delivery. */
@Factory
class OperationsFactory {
    /** Most consumer groups of one tenant the overview describes (each costs a Redis and a Postgres round trip). */
    static final int OVERVIEW_MAX_GROUPS = 200;

    @Singleton
    AlertRules alertRules(OperationsAlertSettings settings) {
        return new AlertRules(settings.thresholds());
    }

    @Singleton
    SampleClusterUseCase clusterSample(ClusterFigures cluster, OutboxMonitor outbox, RedisMonitor redis,
                                       DescribeGroupUseCase describe, Clock clock, OperationsSettings settings) {
        return new ClusterSampleService(cluster, outbox, redis, describe, clock, settings.metricsMaxGroups());
    }

    @Singleton
    ClusterTraffic clusterTraffic(TrafficMonitor traffic, PoolMonitor pool, TrafficLedger ledger, Clock clock,
                                  OperationsAlertSettings alerts) {
        if (alerts.trafficWindow().isNegative() || alerts.trafficWindow().isZero()) {
            throw new ConfigurationException("strata.operations.alerts.traffic-window must be positive");
        }
        if (alerts.poolWaitingFor().isNegative() || alerts.poolWaitingFor().isZero()) {
            throw new ConfigurationException("strata.operations.alerts.pool-waiting-for must be positive");
        }
        return new ClusterTraffic(traffic, pool, ledger, clock, alerts.trafficWindow(), alerts.poolWaitingFor());
    }

    @Singleton
    EvaluateAlertsUseCase evaluateAlerts(AlertRules rules, RedisMonitor redis, PoolMonitor pool, OutboxMonitor outbox,
                                         ClusterFigures cluster, ClusterTraffic traffic, DescribeGroupUseCase describe,
                                         AlertLedger ledger, PublishEventUseCase publish, TenantDirectory tenants,
                                         AlertChannel channel, Clock clock, OperationsSettings settings) {
        Optional<TenantSlug> tenant = settings.tenant() == null || settings.tenant().isBlank()
                ? Optional.empty() : Optional.of(new TenantSlug(settings.tenant().strip()));
        return new AlertDeliveryService(rules, redis, pool, outbox, cluster, traffic, describe, ledger, publish, tenants, tenant,
                channel, clock, settings.metricsMaxGroups());
    }

    @Singleton
    GetOverviewUseCase overview(RedisMonitor redis, PoolMonitor pool, TrafficMonitor traffic, OutboxMonitor outbox,
                                GroupDirectory groups, DescribeGroupUseCase describe, AlertRules rules, Clock clock) {
        return new OverviewService(redis, pool, traffic, outbox, groups, describe, rules, clock, OVERVIEW_MAX_GROUPS);
    }
}
