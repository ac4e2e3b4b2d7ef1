package dev.strata.application.operations;

import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.GroupQuery;
import dev.strata.application.operations.port.SampleClusterUseCase;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.operations.OutboxFigures;
import dev.strata.domain.operations.RedisFigures;
import dev.strata.domain.operations.port.ClusterFigures;
import dev.strata.domain.operations.port.OutboxMonitor;
import dev.strata.domain.operations.port.RedisMonitor;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Use case service: samples the cluster. Each group's figures are read as its tenant (the stream and the log are
 * tenant-scoped); only the aggregates leave, so no tenant, topic or group name reaches a metric.
 */
public final class ClusterSampleService implements SampleClusterUseCase {
    private static final Logger LOG = Logger.getLogger(ClusterSampleService.class.getName());

    private final ClusterFigures cluster;
    private final OutboxMonitor outbox;
    private final RedisMonitor redis;
    private final DescribeGroupUseCase describe;
    private final Clock clock;
    private final int maxGroups;

    public ClusterSampleService(ClusterFigures cluster, OutboxMonitor outbox, RedisMonitor redis, DescribeGroupUseCase describe,
                                Clock clock, int maxGroups) {
        this.cluster = cluster;
        this.outbox = outbox;
        this.redis = redis;
        this.describe = describe;
        this.clock = clock;
        this.maxGroups = maxGroups;
    }

    @Override
    public ClusterSample sample() {
        RedisFigures redisFigures = redis.figures();
        boolean redisUp = redisFigures.up();
        OutboxFigures backlog = outbox.figures();
        Long sessions = null;
        Long deadLetters = null;
        Long groups = null;
        Long lagMax = null;
        Long lagSum = null;
        Long pendingMax = null;
        Long pendingSum = null;
        Long idle = null;
        try {
            sessions = cluster.sessionsActive(clock.now());
            deadLetters = cluster.deadLetters();
            List<ClusterFigures.TenantGroup> all = cluster.groups(maxGroups);
            groups = (long) all.size();
            if (redisUp) {
                long lm = 0, ls = 0, pm = 0, ps = 0, unread = 0;
                for (ClusterFigures.TenantGroup g : all) {
                    DescribeGroupUseCase.GroupStats stats = stats(g);
                    if (stats != null) {
                        lm = Math.max(lm, stats.lag());
                        ls += stats.lag();
                        pm = Math.max(pm, stats.pending());
                        ps += stats.pending();
                        if (stats.consumers() == 0 && stats.lag() + stats.pending() > 0) {
                            unread++;
                        }
                    }
                }
                lagMax = lm;
                lagSum = ls;
                pendingMax = pm;
                pendingSum = ps;
                idle = unread;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cluster figures unavailable", e);
        }
        return new ClusterSample(sessions, backlog.backlog(), backlog.oldestAgeSeconds(), groups, lagMax, lagSum, pendingMax,
                pendingSum, idle, deadLetters, redisFigures);
    }

    /** The group's figures read as its tenant; null when they cannot be read now. */
    DescribeGroupUseCase.GroupStats stats(ClusterFigures.TenantGroup g) {
        try {
            return TenantContext.callAs(g.tenant(), () -> describe.describeGroup(
                    new GroupQuery(new Topic(g.topic()), new GroupName(g.group()))));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
