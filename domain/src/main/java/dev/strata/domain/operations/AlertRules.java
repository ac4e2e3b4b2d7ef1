package dev.strata.domain.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Domain service: the alert rules. System rules (Redis, Postgres pool, HTTP, outbox) name no tenant data; group
 * rules name the topic and group they are about, so their findings go only to that group's tenant or to the
 * operator.
 */
public final class AlertRules {
    public static final String REDIS_UNREACHABLE = "redis.unreachable";
    public static final String REDIS_MEMORY = "redis.memory";
    public static final String REDIS_PING = "redis.latency";
    public static final String REDIS_EVICTION_POLICY = "redis.eviction-policy";
    public static final String POSTGRES_UNREACHABLE = "postgres.unreachable";
    public static final String POOL_WAITING = "postgres.pool-waiting";
    public static final String CACHE_HIT_RATE = "cache.hit-rate";
    public static final String HTTP_ERRORS = "http.errors";
    public static final String HTTP_LATENCY = "http.latency";
    public static final String OUTBOX_AGE = "outbox.age";
    public static final String STREAM_LAG = "stream.lag";
    public static final String STREAM_PENDING_AGE = "stream.pending-age";
    public static final String STREAM_NO_CONSUMER = "stream.no-consumer";

    private final AlertThresholds thresholds;

    public AlertRules(AlertThresholds thresholds) {
        this.thresholds = java.util.Objects.requireNonNull(thresholds, "thresholds must not be null");
    }

    public AlertThresholds thresholds() {
        return thresholds;
    }

    /** Findings about the shared infrastructure and this instance's traffic; none names a tenant. */
    public List<Finding> system(RedisFigures redis, PoolFigures pool, CacheTraffic cache, HttpTraffic http, OutboxFigures outbox) {
        List<Finding> findings = new ArrayList<>();
        if (!redis.up()) {
            findings.add(system(REDIS_UNREACHABLE, Severity.CRITICAL, "Redis does not answer; Strata serves from Postgres, more slowly",
                    "Restore Redis (process, network, credentials); Strata recovers by itself once it answers"));
        } else {
            Double ratio = redis.memoryRatio();
            if (ratio != null && ratio > thresholds.redisMemoryRatio()) {
                findings.add(system(REDIS_MEMORY, Severity.WARNING,
                        "Redis uses " + percent(ratio) + " of its maxmemory (threshold " + percent(thresholds.redisMemoryRatio()) + ")",
                        "Raise Redis maxmemory or lower cache TTLs / L2 sizes before writes are refused or keys evicted"));
            }
            if (redis.pingMs() != null && redis.pingMs() > thresholds.redisPing().toNanos() / 1e6) {
                findings.add(system(REDIS_PING, Severity.WARNING,
                        "Redis PING took " + String.format(Locale.ROOT, "%.1f", redis.pingMs()) + " ms (threshold "
                                + thresholds.redisPing().toMillis() + " ms)",
                        "Check Redis CPU, slow commands (SLOWLOG), persistence forks and the network to it"));
            }
            if (redis.evictionPolicyUnsafe()) {
                findings.add(system(REDIS_EVICTION_POLICY, Severity.CRITICAL,
                        "Redis maxmemory-policy is " + redis.maxmemoryPolicy() + ": it can evict streams, consumer groups, leases and counters",
                        "Set maxmemory-policy to noeviction or a volatile-* policy (CONFIG SET maxmemory-policy volatile-lru)"));
            }
        }
        if (!pool.up()) {
            findings.add(system(POSTGRES_UNREACHABLE, Severity.CRITICAL, "Postgres does not answer; Strata is not ready",
                    "Restore Postgres (process, network, credentials, connection limits)"));
        }
        if (pool.waiting() != null && pool.waiting() > 0) {
            findings.add(system(POOL_WAITING, Severity.WARNING,
                    pool.waiting() + " threads wait for a Postgres connection (pool max " + pool.max() + ")",
                    "Look for slow queries or raise datasources.default.maximum-pool-size within Postgres's max_connections"));
        }
        Double hitRate = cache.overallHitRate();
        if (hitRate != null && cache.reads() >= thresholds.minRequests() && hitRate < thresholds.hitRate()) {
            findings.add(system(CACHE_HIT_RATE, Severity.WARNING,
                    "Cache hit rate is " + percent(hitRate) + " (threshold " + percent(thresholds.hitRate()) + ")",
                    "Check TTLs, invalidation volume and L1/L2 sizes; a cold start or a Redis flush also lowers it for a while"));
        }
        Double errorRate = http.errorRate();
        if (errorRate != null && http.requests() >= thresholds.minRequests() && errorRate > thresholds.http5xxRate()) {
            findings.add(system(HTTP_ERRORS, Severity.CRITICAL,
                    "HTTP 5xx answers are " + percent(errorRate) + " of requests (threshold " + percent(thresholds.http5xxRate()) + ")",
                    "Read the error log lines (level ERROR) for the failing routes and the store they depend on"));
        }
        if (http.p95Ms() != null && http.requests() >= thresholds.minRequests()
                && http.p95Ms() > thresholds.httpP95().toMillis()) {
            findings.add(system(HTTP_LATENCY, Severity.WARNING,
                    "HTTP p95 latency is " + String.format(Locale.ROOT, "%.0f", http.p95Ms()) + " ms (threshold "
                            + thresholds.httpP95().toMillis() + " ms)",
                    "Check Redis and Postgres latency and the pool; a degraded Redis moves reads to Postgres"));
        }
        if (outbox.oldestAgeSeconds() != null && outbox.oldestAgeSeconds() > thresholds.outboxAge().toSeconds()) {
            findings.add(system(OUTBOX_AGE, Severity.WARNING,
                    "The oldest event not yet relayed to Redis waits for " + Math.round(outbox.oldestAgeSeconds()) + " s ("
                            + outbox.backlog() + " waiting)",
                    "Check that Redis answers and that some instance runs the relay (strata.events.relay-enabled)"));
        }
        return findings;
    }

    /**
     * Findings about consumer groups. {@code owner} prefixes the message (a tenant's slug for the operator's
     * cluster-wide view, empty for the tenant's own view) and is part of the key.
     */
    public List<Finding> groups(String owner, List<GroupLag> groups) {
        List<Finding> findings = new ArrayList<>();
        String prefix = owner.isEmpty() ? "" : owner + ": ";
        for (GroupLag g : groups) {
            String name = prefix + "group " + g.group() + " of topic " + g.topic();
            String key = owner + "/" + g.topic() + "/" + g.group();
            if (g.lag() > thresholds.consumerLag()) {
                findings.add(new Finding(STREAM_LAG, STREAM_LAG + ":" + key, Severity.WARNING,
                        name + " is " + g.lag() + " events behind (threshold " + thresholds.consumerLag() + ")",
                        "Add consumers to the group or find why they stopped reading"));
            }
            if (g.oldestPendingSeconds() != null && g.oldestPendingSeconds() > thresholds.oldestPending().toSeconds()) {
                findings.add(new Finding(STREAM_PENDING_AGE, STREAM_PENDING_AGE + ":" + key, Severity.WARNING,
                        name + " has a delivery unacknowledged for " + g.oldestPendingSeconds() + " s",
                        "Find the consumer that read it without acknowledging; it is redelivered after the visibility timeout"));
            }
            // a group nobody reads matters once there is something to read
            if (g.consumers() == 0 && g.lag() + g.pending() > 0) {
                findings.add(new Finding(STREAM_NO_CONSUMER, STREAM_NO_CONSUMER + ":" + key, Severity.WARNING,
                        name + " has no consumer",
                        "Start a consumer for it, or delete the group if nothing reads it any more"));
            }
        }
        return findings;
    }

    private static Finding system(String id, Severity severity, String message, String action) {
        return new Finding(id, id, severity, message, action);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
