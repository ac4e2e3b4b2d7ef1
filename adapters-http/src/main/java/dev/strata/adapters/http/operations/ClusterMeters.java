package dev.strata.adapters.http.operations;

import dev.strata.application.operations.port.SampleClusterUseCase;
import dev.strata.application.operations.port.SampleClusterUseCase.ClusterSample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer adapter: cluster-wide gauges with no tenant label, from a sample taken every
 * {@code strata.operations.metrics-interval} (not per scrape: a sample visits every tenant's groups). A figure not
 * known (store down, not sampled yet) reads NaN, which Prometheus shows as a gap rather than a false zero.
 */
@Singleton
public class ClusterMeters {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMeters.class);

    private final SampleClusterUseCase sampler;
    private final AtomicReference<ClusterSample> last = new AtomicReference<>();

    public ClusterMeters(SampleClusterUseCase sampler, MeterRegistry registry) {
        this.sampler = sampler;
        gauge(registry, "strata.sessions.active", "Sessions not yet expired, all tenants", ClusterSample::sessionsActive);
        gauge(registry, "strata.outbox.backlog", "Events appended but not yet relayed to Redis, all tenants", ClusterSample::outboxBacklog);
        gauge(registry, "strata.outbox.oldest.age.seconds", "Age of the oldest event not yet relayed (0 when none waits)",
                s -> s.outboxBacklog() == null ? null : s.outboxOldestAgeSeconds() == null ? 0.0 : s.outboxOldestAgeSeconds());
        gauge(registry, "strata.stream.groups", "Consumer groups, all tenants", ClusterSample::groups);
        aggregate(registry, "strata.stream.lag", "Events not yet delivered to a consumer group, over all groups",
                ClusterSample::lagMax, ClusterSample::lagSum);
        aggregate(registry, "strata.stream.pending", "Events delivered to a consumer group and not acknowledged, over all groups",
                ClusterSample::pendingMax, ClusterSample::pendingSum);
        gauge(registry, "strata.stream.groups.unread", "Consumer groups with events to read and no consumer, all tenants",
                ClusterSample::groupsWithoutConsumer);
        gauge(registry, "strata.redis.memory.used.bytes", "Redis used_memory", s -> s.redis().usedMemoryBytes());
        gauge(registry, "strata.redis.memory.max.bytes", "Redis maxmemory (0: no limit)", s -> s.redis().maxMemoryBytes());
        gauge(registry, "strata.redis.ping.seconds", "Latency of one Redis PING at the last sample",
                s -> s.redis().pingMs() == null ? null : s.redis().pingMs() / 1000.0);
        gauge(registry, "strata.redis.evicted.keys", "Keys Redis evicted since it started", s -> s.redis().evictedKeys());
        gauge(registry, "strata.redis.keyspace.hits", "Redis keyspace hits since it started", s -> s.redis().keyspaceHits());
        gauge(registry, "strata.redis.keyspace.misses", "Redis keyspace misses since it started", s -> s.redis().keyspaceMisses());
        gauge(registry, "strata.redis.eviction.policy.unsafe",
                "1 when Redis's maxmemory-policy may evict streams, groups, leases or counters (not noeviction/volatile-*)",
                s -> s.redis().maxmemoryPolicy() == null ? null : s.redis().evictionPolicyUnsafe() ? 1 : 0);
        gauge(registry, "strata.dead.letters", "Dead letters waiting for a replay, all tenants", ClusterSample::deadLetters);
        Gauge.builder("strata.degraded", last, ref -> ref.get() == null ? Double.NaN : ref.get().redisUp() ? 0 : 1)
                .description("1 while Redis does not answer and Strata serves from Postgres alone")
                .register(registry);
    }

    /** Takes a new sample; runs on the scheduler, never on a scrape. */
    @Scheduled(fixedDelay = "${strata.operations.metrics-interval:15s}", initialDelay = "1s")
    public void refresh() {
        try {
            last.set(sampler.sample());
        } catch (RuntimeException e) {
            LOG.warn("operations sample failed ({})", e.getClass().getSimpleName());
        }
    }

    /** The last sample, if one was taken. */
    public ClusterSample lastSample() {
        return last.get();
    }

    private void aggregate(MeterRegistry registry, String name, String description, Function<ClusterSample, Number> max,
                           Function<ClusterSample, Number> sum) {
        Gauge.builder(name, last, value(max)).description(description).tag("aggregate", "max").register(registry);
        Gauge.builder(name, last, value(sum)).description(description).tag("aggregate", "sum").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, Function<ClusterSample, Number> figure) {
        Gauge.builder(name, last, value(figure)).description(description).register(registry);
    }

    private static ToDoubleFunction<AtomicReference<ClusterSample>> value(Function<ClusterSample, Number> figure) {
        return ref -> {
            ClusterSample sample = ref.get();
            Number n = sample == null ? null : figure.apply(sample);
            return n == null ? Double.NaN : n.doubleValue();
        };
    }
}
