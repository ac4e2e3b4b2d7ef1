package dev.strata.application.operations;

import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.GroupQuery;
import dev.strata.application.events.port.PublishEventCommand;
import dev.strata.application.events.port.PublishEventUseCase;
import dev.strata.application.operations.port.EvaluateAlertsUseCase;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.operations.Alert;
import dev.strata.domain.operations.AlertRules;
import dev.strata.domain.operations.AlertTransition;
import dev.strata.domain.operations.Finding;
import dev.strata.domain.operations.GroupLag;
import dev.strata.domain.operations.RedisFigures;
import dev.strata.domain.operations.TrafficTotals;
import dev.strata.domain.operations.port.AlertChannel;
import dev.strata.domain.operations.port.AlertLedger;
import dev.strata.domain.operations.port.ClusterFigures;
import dev.strata.domain.operations.port.OutboxMonitor;
import dev.strata.domain.operations.port.PoolMonitor;
import dev.strata.domain.operations.port.RedisMonitor;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Use case service: the cluster's alert evaluation. Judges the cluster-wide rules (Redis, Postgres, outbox, every
 * tenant's consumer groups, named by tenant slug for the operator) and the traffic rules (cache hit rate, HTTP 5xx
 * rate and p95 latency) over every instance's traffic of the last window. Every instance stores its own traffic
 * first; the ledger's lock then makes one instance evaluate at a time, and its stored open set makes each start and
 * each resolution delivered once (that instance also forgets old traffic intervals); findings judged before another instance's stored evaluation are dropped, not
 * applied over it.
 */
public final class AlertDeliveryService implements EvaluateAlertsUseCase {
    private static final Logger LOG = Logger.getLogger(AlertDeliveryService.class.getName());

    private final AlertRules rules;
    private final RedisMonitor redis;
    private final PoolMonitor pool;
    private final OutboxMonitor outbox;
    private final ClusterFigures cluster;
    private final ClusterTraffic traffic;
    private final DescribeGroupUseCase describe;
    private final AlertLedger ledger;
    private final PublishEventUseCase publish;
    private final TenantDirectory tenants;
    private final Optional<TenantSlug> operationsTenant;
    private final AlertChannel channel;
    private final Clock clock;
    private final int maxGroups;

    public AlertDeliveryService(AlertRules rules, RedisMonitor redis, PoolMonitor pool, OutboxMonitor outbox, ClusterFigures cluster,
                                ClusterTraffic traffic, DescribeGroupUseCase describe, AlertLedger ledger, PublishEventUseCase publish,
                                TenantDirectory tenants, Optional<TenantSlug> operationsTenant, AlertChannel channel, Clock clock,
                                int maxGroups) {
        this.rules = rules;
        this.redis = redis;
        this.pool = pool;
        this.outbox = outbox;
        this.cluster = cluster;
        this.traffic = traffic;
        this.describe = describe;
        this.ledger = ledger;
        this.publish = publish;
        this.tenants = tenants;
        this.operationsTenant = operationsTenant;
        this.channel = channel;
        this.clock = clock;
        this.maxGroups = maxGroups;
    }

    @Override
    public int evaluate() {
        traffic.recordOwn();
        // read before judging: if another instance stores an evaluation meanwhile, these findings are older than it
        long round = ledger.round();
        Instant now = clock.now();
        RedisFigures redisFigures = redis.figures();
        // while Redis is down no group can be judged: their open alerts stay open rather than "resolve"
        boolean groupsKnown = redisFigures.up();
        Map<String, Finding> holding = new LinkedHashMap<>();
        for (Finding finding : findings(redisFigures)) {
            holding.putIfAbsent(finding.key(), finding);
        }
        List<AlertTransition> transitions = new ArrayList<>();
        boolean evaluated = ledger.reconcile(round, open -> {
            transitions.clear();
            List<Alert> opened = new ArrayList<>();
            List<String> resolved = new ArrayList<>();
            holding.forEach((key, finding) -> {
                if (!open.containsKey(key)) {
                    Alert alert = new Alert(finding, now);
                    opened.add(alert);
                    transitions.add(new AlertTransition(alert, false, now));
                }
            });
            open.forEach((key, alert) -> {
                if (!holding.containsKey(key) && (groupsKnown || !key.startsWith("stream."))) {
                    resolved.add(key);
                    transitions.add(new AlertTransition(alert, true, now));
                }
            });
            return new AlertLedger.Changes(opened, resolved);
        });
        if (!evaluated) {
            return -1;
        }
        traffic.forgetOld();
        transitions.forEach(this::deliver);
        return transitions.size();
    }

    private List<Finding> findings(RedisFigures redisFigures) {
        TrafficTotals window = traffic.overWindow();
        List<Finding> findings = new ArrayList<>(rules.system(redisFigures, traffic.withPoolWaitingHeld(pool.figures()),
                window.cache(), window.http(), outbox.figures()));
        Map<TenantId, List<GroupLag>> byTenant = new HashMap<>();
        Map<TenantId, String> slugs = new HashMap<>();
        for (ClusterFigures.TenantGroup group : cluster.groups(maxGroups)) {
            try {
                DescribeGroupUseCase.GroupStats stats = TenantContext.callAs(group.tenant(), () -> describe.describeGroup(
                        new GroupQuery(new Topic(group.topic()), new GroupName(group.group()))));
                byTenant.computeIfAbsent(group.tenant(), t -> new ArrayList<>()).add(new GroupLag(group.topic(), group.group(),
                        stats.lag(), stats.pending(), stats.consumers(), stats.deadLetters(), stats.oldestPendingSeconds()));
                slugs.put(group.tenant(), group.tenantSlug());
            } catch (RuntimeException e) {
                // Redis down (redis.unreachable says so) or the group went away meanwhile
                LOG.log(Level.FINE, "group figures unavailable", e);
            }
        }
        byTenant.forEach((tenant, lags) -> findings.addAll(rules.groups(slugs.get(tenant), lags)));
        return findings;
    }

    private void deliver(AlertTransition transition) {
        byte[] json = json(transition);
        operationsTenant.ifPresent(slug -> {
            try {
                Optional<TenantId> tenant = tenants.findBySlug(slug).map(t -> t.id());
                if (tenant.isEmpty()) {
                    LOG.warning("operations tenant " + slug.value() + " does not exist: alert " + transition.alert().finding().id()
                            + " not published");
                    return;
                }
                TenantContext.callAs(tenant.get(), () -> publish.publish(new PublishEventCommand(new Topic(TOPIC),
                        transition.resolved() ? "strata.ops.alert.resolved" : "strata.ops.alert.firing",
                        Optional.of(transition.alert().finding().id()), json, "/strata/operations", Optional.empty())));
            } catch (RuntimeException e) {
                LOG.warning("alert " + transition.alert().finding().id() + " could not be published ("
                        + e.getClass().getSimpleName() + ")");
            }
        });
        channel.send(transition, json);
    }

    /** The transition as JSON: status, id, severity, message, action, since, at (and resolvedAt when resolved). */
    static byte[] json(AlertTransition transition) {
        Finding f = transition.alert().finding();
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "status", transition.resolved() ? "resolved" : "firing").append(',');
        field(out, "id", f.id()).append(',');
        field(out, "severity", f.severity().name().toLowerCase(java.util.Locale.ROOT)).append(',');
        field(out, "message", f.message()).append(',');
        field(out, "action", f.action()).append(',');
        field(out, "since", transition.alert().since().toString()).append(',');
        field(out, "at", transition.at().toString());
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
