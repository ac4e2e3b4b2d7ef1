package dev.strata.application.operations;

import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.GroupQuery;
import dev.strata.application.operations.port.GetOverviewUseCase;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.operations.Alert;
import dev.strata.domain.operations.AlertRules;
import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.Finding;
import dev.strata.domain.operations.GroupLag;
import dev.strata.domain.operations.HttpTraffic;
import dev.strata.domain.operations.OutboxFigures;
import dev.strata.domain.operations.PoolFigures;
import dev.strata.domain.operations.RedisFigures;
import dev.strata.domain.operations.port.GroupDirectory;
import dev.strata.domain.operations.port.OutboxMonitor;
import dev.strata.domain.operations.port.PoolMonitor;
import dev.strata.domain.operations.port.RedisMonitor;
import dev.strata.domain.operations.port.TrafficMonitor;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Use case service: computes the overview fresh on every call. An alert's {@code since} is when this instance first
 * saw its finding hold, and is forgotten as soon as the finding stops holding.
 */
public final class OverviewService implements GetOverviewUseCase {
    private static final Logger LOG = Logger.getLogger(OverviewService.class.getName());

    private final RedisMonitor redis;
    private final PoolMonitor pool;
    private final TrafficMonitor traffic;
    private final OutboxMonitor outbox;
    private final GroupDirectory directory;
    private final DescribeGroupUseCase describe;
    private final AlertRules rules;
    private final Clock clock;
    private final int maxGroups;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public OverviewService(RedisMonitor redis, PoolMonitor pool, TrafficMonitor traffic, OutboxMonitor outbox,
                           GroupDirectory directory, DescribeGroupUseCase describe, AlertRules rules, Clock clock,
                           int maxGroups) {
        this.redis = redis;
        this.pool = pool;
        this.traffic = traffic;
        this.outbox = outbox;
        this.directory = directory;
        this.describe = describe;
        this.rules = rules;
        this.clock = clock;
        this.maxGroups = maxGroups;
    }

    @Override
    public Overview overview() {
        Instant now = clock.now();
        RedisFigures redisFigures = redis.figures();
        PoolFigures poolFigures = pool.figures();
        CacheTraffic cache = traffic.cache();
        HttpTraffic http = traffic.http();
        OutboxFigures outboxFigures = poolFigures.up() ? outbox.figures() : OutboxFigures.unknown();
        List<GroupLag> streams = poolFigures.up() ? streams() : List.of();
        List<Finding> findings = new ArrayList<>(rules.system(redisFigures, poolFigures, cache, http, outboxFigures));
        findings.addAll(rules.groups("", streams));
        return new Overview(now, redisFigures, poolFigures, cache, http, outboxFigures, streams, alerts(findings, now));
    }

    private List<GroupLag> streams() {
        List<GroupLag> lags = new ArrayList<>();
        List<GroupDirectory.GroupRef> groups;
        try {
            groups = directory.groupsOfCurrentTenant(maxGroups);
        } catch (StoreUnavailableException e) {
            return List.of();
        }
        for (GroupDirectory.GroupRef ref : groups) {
            try {
                DescribeGroupUseCase.GroupStats stats = describe.describeGroup(
                        new GroupQuery(new Topic(ref.topic()), new GroupName(ref.group())));
                lags.add(new GroupLag(ref.topic(), ref.group(), stats.lag(), stats.pending(), stats.consumers(),
                        stats.deadLetters(), stats.oldestPendingSeconds()));
            } catch (StoreUnavailableException | DomainException e) {
                // Redis down (no live figures) or the group went away meanwhile: the overview shows what it can
                LOG.log(Level.FINE, "group figures unavailable", e);
            }
        }
        return lags;
    }

    private List<Alert> alerts(List<Finding> findings, Instant now) {
        // the since-map is per tenant view; keys of groups are the tenant's own, system keys are shared
        java.util.Set<String> holding = new java.util.HashSet<>();
        List<Alert> alerts = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String key = scopeKey(finding);
            holding.add(key);
            alerts.add(new Alert(finding, firstSeen.computeIfAbsent(key, k -> now)));
        }
        String scope = scope();
        firstSeen.keySet().removeIf(key -> !holding.contains(key)
                && (!key.contains("@") || key.endsWith("@" + scope)));
        return alerts;
    }

    private static String scopeKey(Finding finding) {
        return finding.key().equals(finding.id()) ? finding.key() : finding.key() + "@" + scope();
    }

    private static String scope() {
        return dev.strata.domain.shared.TenantContext.current().map(Object::toString).orElse("-");
    }
}
