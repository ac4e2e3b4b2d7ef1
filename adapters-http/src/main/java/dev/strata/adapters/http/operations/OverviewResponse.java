package dev.strata.adapters.http.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.adapters.http.health.HealthStatus;
import dev.strata.application.operations.port.GetOverviewUseCase.Overview;
import dev.strata.domain.operations.Alert;
import dev.strata.domain.operations.GroupLag;
import dev.strata.domain.operations.PoolFigures;
import dev.strata.domain.operations.RedisFigures;
import dev.strata.domain.operations.TierTraffic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;

/**
 * HTTP adapter: body of {@code GET /v1/admin/overview}. Field names are stable (the dashboard reads them); unknown
 * figures are JSON null, never left out; rates are 0..1.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Overview")
public record OverviewResponse(String time, String instance, HealthStatus status, RedisView redis, PostgresView postgres,
                               CacheView cache, HttpView http, List<StreamView> streams, List<AlertView> alerts) {

    static OverviewResponse of(Overview overview, String instance, HealthStatus status) {
        RedisFigures r = overview.redis();
        PoolFigures p = overview.postgres();
        return new OverviewResponse(overview.time().toString(), instance, status,
                new RedisView(r.up(), r.pingMs(), r.usedMemoryBytes(), r.maxMemoryBytes(), r.memoryRatio(),
                        r.maxmemoryPolicy(), r.hitRate(), r.keyspaceHits(), r.keyspaceMisses(), r.evictedKeys(),
                        r.connectedClients(), r.opsPerSecond()),
                new PostgresView(p.up(), new PoolView(p.active(), p.idle(), p.waiting(), p.max())),
                new CacheView(TierView.of(overview.cache().l1()), TierView.of(overview.cache().l2()),
                        TierView.of(overview.cache().l3()), overview.cache().overallHitRate()),
                new HttpView(overview.http().requests(), overview.http().errors5xx(), overview.http().p95Ms()),
                overview.streams().stream().map(StreamView::of).toList(),
                overview.alerts().stream().map(AlertView::of).toList());
    }

    /** Redis INFO summary and PING latency. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewRedis")
    public record RedisView(boolean up, @Nullable Double pingMs, @Nullable Long usedMemoryBytes, @Nullable Long maxMemoryBytes,
                            @Nullable Double memoryRatio, @Nullable String maxmemoryPolicy, @Nullable Double hitRate,
                            @Nullable Long keyspaceHits, @Nullable Long keyspaceMisses, @Nullable Long evictedKeys,
                            @Nullable Long connectedClients, @Nullable Long opsPerSecond) {
    }

    /** Postgres reachability and this instance's pool. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewPostgres")
    public record PostgresView(boolean up, PoolView pool) {
    }

    /** Connections in use, idle, threads waiting for one, and the cap. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewPool")
    public record PoolView(@Nullable Integer active, @Nullable Integer idle, @Nullable Integer waiting, @Nullable Integer max) {
    }

    /** Cache lookups per tier on this instance. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewCache")
    public record CacheView(TierView l1, TierView l2, TierView l3, @Nullable Double overallHitRate) {
    }

    /** One tier's hits, misses and hit rate. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewTier")
    public record TierView(long hits, long misses, @Nullable Double hitRate) {
        static TierView of(TierTraffic tier) {
            return new TierView(tier.hits(), tier.misses(), tier.hitRate());
        }
    }

    /** Requests served by this instance, 5xx answers, 95th percentile latency. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewHttp")
    public record HttpView(long requests, long errors5xx, @Nullable Double p95Ms) {
    }

    /** One of the caller's consumer groups. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewStream")
    public record StreamView(String topic, String group, long lag, long pending, long consumers, long deadLetters,
                             @Nullable Long oldestPendingSeconds) {
        static StreamView of(GroupLag g) {
            return new StreamView(g.topic(), g.group(), g.lag(), g.pending(), g.consumers(), g.deadLetters(),
                    g.oldestPendingSeconds());
        }
    }

    /** An alert that holds now: what, how bad, what to do, since when. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OverviewAlert")
    public record AlertView(String id, @Schema(allowableValues = {"warning", "critical"}) String severity, String message,
                            String action, String since) {
        static AlertView of(Alert alert) {
            return new AlertView(alert.finding().id(), alert.finding().severity().name().toLowerCase(Locale.ROOT),
                    alert.finding().message(), alert.finding().action(), alert.since().toString());
        }
    }
}
