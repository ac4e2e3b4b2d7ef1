package dev.strata.adapters.http.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Response bodies of the jobs routes. */
public final class JobResponses {
    private JobResponses() {
    }

    /** {@code 201} of an enqueue: the job (the first one for a duplicate) and its state. */
    @Serdeable
    public record Created(String id, String state, boolean created) {
    }

    /** A job as {@code GET /v1/jobs/{id}} shows it; the payload is left out when its creator marked it secret. */
    @Serdeable
    public record JobBody(String id, String queue, String type, String state, int priority, int attempts,
                          int maxAttempts, int timeoutSeconds, @Nullable String uniqueKey, @Nullable JsonNode payload,
                          boolean secretPayload, int progress, @Nullable String progressMessage,
                          @Nullable String lastError, @Nullable JsonNode result, @Nullable String worker,
                          @Nullable String leaseUntil, String createdAt, String runAt, @Nullable String startedAt,
                          @Nullable String finishedAt, String updatedAt) {
    }

    /** Jobs leased by a claim. */
    @Serdeable
    public record ClaimedJobs(List<JobBody> jobs) {
    }

    /** {@code GET /v1/queues/{q}}: jobs per state, the oldest waiting job's age and the queue's settings. */
    @Serdeable
    public record QueueBody(String queue, Map<String, Long> counts, @Nullable Long oldestWaitingMs, boolean paused,
                            @Nullable Integer concurrency, @Nullable Double ratePerSecond) {
    }

    /** How many jobs a bulk operation changed. */
    @Serdeable
    public record Count(int count) {
    }

    /** A schedule and its next (and last) tick. */
    @Serdeable
    public record ScheduleBody(String name, String queue, String type, @Nullable JsonNode payload, String cron,
                               String timezone, String nextRunAt, @Nullable String lastRunAt) {
    }
}
