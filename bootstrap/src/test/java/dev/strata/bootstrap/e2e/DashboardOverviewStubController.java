package dev.strata.bootstrap.e2e;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.DescribeGroupUseCase.GroupStats;
import dev.strata.application.events.port.GroupQuery;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test support: a stand-in for {@code GET /v1/admin/overview} in the shape of the shared contract, for a build that
 * does not have the operations endpoint yet. Only started when {@code strata.test.dashboard-stub=true}, which the
 * browser test sets only when the real route is absent. Its stream figures are real (the events area's group
 * figures of groups the test names); the Redis, Postgres, cache and HTTP figures are made up but move.
 */
@Controller("/v1/admin/overview")
@Requires(property = "strata.test.dashboard-stub", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope("admin")
class DashboardOverviewStubController {
    /** Groups whose figures the overview lists: tenant, topic, group. */
    static final List<String[]> GROUPS = new CopyOnWriteArrayList<>();

    private final DescribeGroupUseCase describe;
    private final long lagThreshold;

    DashboardOverviewStubController(DescribeGroupUseCase describe,
                                    @Value("${strata.operations.alerts.consumer-lag:1000}") long lagThreshold) {
        this.describe = describe;
        this.lagThreshold = lagThreshold;
    }

    @Get
    Map<String, Object> overview() {
        TenantId tenant = TenantContext.require();
        double wave = (Math.sin(System.currentTimeMillis() / 3000.0) + 1) / 2;
        List<Map<String, Object>> streams = new ArrayList<>();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (String[] group : GROUPS) {
            if (!group[0].equals(tenant.toString())) {
                continue;
            }
            GroupStats stats = describe.describeGroup(new GroupQuery(new Topic(group[1]), new GroupName(group[2])));
            streams.add(ordered("topic", group[1], "group", group[2], "lag", stats.lag(), "pending", stats.pending(),
                    "consumers", stats.consumers(), "deadLetters", stats.deadLetters(), "oldestPendingSeconds", stats.oldestPendingSeconds()));
            if (stats.lag() > lagThreshold) {
                alerts.add(ordered("id", "stream.lag", "severity", "warning", "message", "group " + group[2] + " of topic "
                        + group[1] + " lags " + stats.lag() + " events (threshold " + lagThreshold + ")", "action",
                        "add consumers to the group or find why they stopped reading", "since", Instant.now().toString()));
            }
        }
        Map<String, Object> tier = ordered("hits", 8, "misses", 2, "hitRate", 0.8);
        return ordered("time", Instant.now().toString(), "instance", "stub", "status", "UP",
                "redis", ordered("up", true, "pingMs", 0.2 + wave, "usedMemoryBytes", 1_048_576, "maxMemoryBytes", 0,
                        "memoryRatio", null, "maxmemoryPolicy", "noeviction", "hitRate", 0.6 + 0.3 * wave,
                        "keyspaceHits", 10, "keyspaceMisses", 1, "evictedKeys", 0, "connectedClients", 5, "opsPerSecond", 120),
                "postgres", ordered("up", true, "pool", ordered("active", 1, "idle", 9, "waiting", 0, "max", 16)),
                "cache", ordered("l1", tier, "l2", tier, "l3", tier, "overallHitRate", 0.5 + 0.4 * wave),
                "http", ordered("requests", 100, "errors5xx", 0, "p95Ms", 2 + 3 * wave),
                "streams", streams, "alerts", alerts);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
