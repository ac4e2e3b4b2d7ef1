package dev.strata.adapters.http.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the jobs routes; every field is checked by the domain, which names it when it is wrong. */
public final class JobRequests {
    private JobRequests() {
    }

    /** {@code POST /v1/queues/{q}/jobs}. */
    @Serdeable
    public record Enqueue(@Nullable String type, @Nullable JsonNode payload, @Nullable String runAt,
                          @Nullable Long delaySeconds, @Nullable Integer priority, @Nullable Integer maxAttempts,
                          @Nullable BackoffBody backoff, @Nullable Integer timeoutSeconds, @Nullable String uniqueKey,
                          @Nullable Boolean secretPayload) {
    }

    /** The backoff between attempts: {@code exponential|fixed}, base and cap in seconds. */
    @Serdeable
    public record BackoffBody(@Nullable String type, @Nullable Integer baseSeconds, @Nullable Integer maxSeconds) {
    }

    /** {@code POST /v1/queues/{q}/claim}. */
    @Serdeable
    public record Claim(@Nullable String worker, @Nullable Integer count, @Nullable Long waitMs,
                        @Nullable List<String> types) {
    }

    /** {@code POST /v1/jobs/{id}/heartbeat}. */
    @Serdeable
    public record Heartbeat(@Nullable String worker, @Nullable Integer progress, @Nullable String message) {
    }

    /** {@code POST /v1/jobs/{id}/complete}. */
    @Serdeable
    public record Complete(@Nullable String worker, @Nullable JsonNode result) {
    }

    /** {@code POST /v1/jobs/{id}/fail}. */
    @Serdeable
    public record Fail(@Nullable String worker, @Nullable String error, @Nullable Boolean retry) {
    }

    /** {@code PUT /v1/queues/{q}}. */
    @Serdeable
    public record QueueLimits(@Nullable Integer concurrency, @Nullable Double ratePerSecond) {
    }

    /** {@code PUT /v1/schedules/{name}}. */
    @Serdeable
    public record PutSchedule(@Nullable String queue, @Nullable String type, @Nullable JsonNode payload,
                              @Nullable String cron, @Nullable String timezone) {
    }
}
