package dev.strata.adapters.http.jobs;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.jobs.port.ClaimJobsCommand;
import dev.strata.application.jobs.port.EnqueueJobCommand;
import dev.strata.application.jobs.port.ManageJobsUseCase;
import dev.strata.domain.jobs.Backoff;
import dev.strata.domain.jobs.BackoffType;
import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobPage;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Progress;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.QueueSettings;
import dev.strata.domain.jobs.QueueStats;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: job queues of the caller's tenant ({@code /v1/queues/{q}/...}, {@code /v1/jobs/{id}/...}). Producers
 * and operators need {@code jobs:enqueue}; workers (claim, heartbeat, complete, fail) need {@code jobs:work}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearerAuth")
public class JobsController {
    private static final int DEFAULT_PAGE = 100;

    private final ManageJobsUseCase jobs;
    private final JsonMapper json;

    public JobsController(ManageJobsUseCase jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    @Operation(summary = "Enqueue a job; with Idempotency-Key or uniqueKey a duplicate of a pending or running job answers the first")
    @Post("/v1/queues/{q}/jobs")
    @RequiresScope("jobs:enqueue")
    public HttpResponse<JobResponses.Created> enqueue(@PathVariable String q, @Body JobRequests.Enqueue body,
                                                      @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        QueueName queue = new QueueName(q);
        JobSpec spec = spec(body, json);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > JobSpec.MAX_UNIQUE_KEY_LENGTH)) {
            throw new InvalidInputException("Idempotency-Key",
                    "Idempotency-Key must be 1.." + JobSpec.MAX_UNIQUE_KEY_LENGTH + " characters");
        }
        Enqueued enqueued = jobs.enqueue(new EnqueueJobCommand(queue, spec, Optional.ofNullable(idempotencyKey)));
        return HttpResponse.status(enqueuedStatus(enqueued)).body(created(enqueued));
    }

    /** The answer's status to an enqueue: 201, or 200 when it was a duplicate answered with the first job. */
    static HttpStatus enqueuedStatus(Enqueued enqueued) {
        return enqueued.created() ? HttpStatus.CREATED : HttpStatus.OK;
    }

    /** The answer's body to an enqueue. */
    static JobResponses.Created created(Enqueued enqueued) {
        return new JobResponses.Created(enqueued.job().id().toString(), enqueued.job().state().wire(), enqueued.created());
    }

    /**
     * The job an enqueue's body asks for, checked: an {@link InvalidInputException} naming the field otherwise. Shared
     * with {@link JobEnqueueFastRoute}, so both check a body with one piece of code.
     */
    static JobSpec spec(JobRequests.Enqueue body, JsonMapper json) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        JobSpec spec = JobSpec.of(JobSpec.checkType(body.type()), text(body.payload(), "payload", json));
        if (body.runAt() != null) {
            if (body.delaySeconds() != null) {
                throw new InvalidInputException("runAt", "runAt and delaySeconds must not both be given");
            }
            spec = spec.withRunAt(instant(body.runAt(), "runAt"));
        }
        if (body.delaySeconds() != null) {
            spec = spec.withDelaySeconds(body.delaySeconds());
        }
        if (body.priority() != null) {
            spec = spec.withPriority(body.priority());
        }
        if (body.maxAttempts() != null) {
            spec = spec.withMaxAttempts(body.maxAttempts());
        }
        if (body.backoff() != null) {
            spec = spec.withBackoff(backoff(body.backoff()));
        }
        if (body.timeoutSeconds() != null) {
            spec = spec.withTimeoutSeconds(body.timeoutSeconds());
        }
        if (body.uniqueKey() != null) {
            spec = spec.withUniqueKey(body.uniqueKey());
        }
        if (Boolean.TRUE.equals(body.secretPayload())) {
            spec = spec.withSecretPayload(true);
        }
        return spec;
    }

    private static Backoff backoff(JobRequests.BackoffBody body) {
        BackoffType type = body.type() == null ? Backoff.DEFAULT.type() : BackoffType.fromWire(body.type());
        int base = body.baseSeconds() == null ? Backoff.DEFAULT.baseSeconds() : body.baseSeconds();
        int max = body.maxSeconds() == null ? Math.max(base, Backoff.DEFAULT.maxSeconds()) : body.maxSeconds();
        return new Backoff(type, base, max);
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    /** JSON text of a body field; absent or JSON null is refused naming the field. */
    static String text(JsonNode node, String field, JsonMapper json) {
        if (node == null) {
            throw new InvalidInputException(field, field + " must be given (JSON; null is written as null)");
        }
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new InvalidInputException(field, field + " is not JSON");
        }
    }

    @Operation(summary = "Lease up to count jobs to a worker (running, lease until timeoutSeconds); waitMs waits for one")
    @Post("/v1/queues/{q}/claim")
    @RequiresScope("jobs:work")
    public CompletableFuture<JobResponses.ClaimedJobs> claim(@PathVariable String q, @Body JobRequests.Claim body) {
        QueueName queue = new QueueName(q);
        if (body == null) {
            throw new InvalidInputException("worker", "worker must be given");
        }
        // a claim that waits holds no request thread: the answer is written when the future completes
        return jobs.claimAsync(new ClaimJobsCommand(queue, body.worker(), body.count() == null ? 1 : body.count(),
                        body.types() == null ? Set.of() : Set.copyOf(body.types()), body.waitMs() == null ? 0 : body.waitMs()))
                .thenApply(claimed -> new JobResponses.ClaimedJobs(claimed.stream().map(this::body).toList()));
    }

    @Operation(summary = "Extend the lease of a job the worker holds and record its progress (0..100 and a message)")
    @Post("/v1/jobs/{id}/heartbeat")
    @RequiresScope("jobs:work")
    public JobResponses.JobBody heartbeat(@PathVariable String id, @Body JobRequests.Heartbeat body) {
        JobId jobId = jobId(id);
        Optional<Progress> progress = body.progress() == null ? Optional.empty()
                : Optional.of(Progress.of(body.progress(), body.message()));
        return body(jobs.heartbeat(jobId, body.worker(), progress));
    }

    @Operation(summary = "Complete a job the worker holds, keeping its result")
    @Post("/v1/jobs/{id}/complete")
    @RequiresScope("jobs:work")
    public JobResponses.JobBody complete(@PathVariable String id, @Body JobRequests.Complete body) {
        JobId jobId = jobId(id);
        return body(jobs.complete(jobId, body.worker(), result(body, json)));
    }

    /** The result a completion's body keeps, as JSON text; shared with {@link JobCompleteFastRoute}. */
    static Optional<String> result(JobRequests.Complete body, JsonMapper json) {
        return body.result() == null ? Optional.empty() : Optional.of(text(body.result(), "result", json));
    }

    @Operation(summary = "Fail the current attempt: retried after the backoff (retry, default true), dead after maxAttempts")
    @Post("/v1/jobs/{id}/fail")
    @RequiresScope("jobs:work")
    public JobResponses.JobBody fail(@PathVariable String id, @Body JobRequests.Fail body) {
        JobId jobId = jobId(id);
        return body(jobs.fail(jobId, body.worker(), body.error(), body.retry() == null || body.retry()));
    }

    @Operation(summary = "A job: state, attempts, progress, last error, result, timestamps")
    @Get("/v1/jobs/{id}")
    @RequiresScope("jobs:enqueue")
    public JobResponses.JobBody get(@PathVariable String id) {
        return body(jobs.get(jobId(id)));
    }

    @Operation(summary = "Cancel a waiting or delayed job (409 in any other state)")
    @Delete("/v1/jobs/{id}")
    @RequiresScope("jobs:enqueue")
    public JobResponses.JobBody cancel(@PathVariable String id) {
        return body(jobs.cancel(jobId(id)));
    }

    @Operation(summary = "Jobs per state, the oldest waiting job's age and the queue's settings")
    @Get("/v1/queues/{q}")
    @RequiresScope("jobs:enqueue")
    public JobResponses.QueueBody queue(@PathVariable String q) {
        QueueName queue = new QueueName(q);
        return queueBody(jobs.stats(queue), jobs.settings(queue));
    }

    @Operation(summary = "Set the queue's limits: concurrency (running at once across instances), ratePerSecond (claims admitted per one-second window across instances)")
    @Put("/v1/queues/{q}")
    @RequiresScope("jobs:enqueue")
    public JobResponses.QueueBody configure(@PathVariable String q, @Body JobRequests.QueueLimits body) {
        QueueName queue = new QueueName(q);
        QueueSettings settings = jobs.configure(queue,
                body.concurrency() == null ? OptionalInt.empty() : OptionalInt.of(body.concurrency()),
                Optional.ofNullable(body.ratePerSecond()));
        return queueBody(jobs.stats(queue), settings);
    }

    @Operation(summary = "Stop claims on the queue at once")
    @Post("/v1/queues/{q}/pause")
    @RequiresScope("jobs:enqueue")
    public JobResponses.QueueBody pause(@PathVariable String q) {
        QueueName queue = new QueueName(q);
        return queueBody(jobs.stats(queue), jobs.setPaused(queue, true));
    }

    @Operation(summary = "Let claims on the queue go on")
    @Post("/v1/queues/{q}/resume")
    @RequiresScope("jobs:enqueue")
    public JobResponses.QueueBody resume(@PathVariable String q) {
        QueueName queue = new QueueName(q);
        return queueBody(jobs.stats(queue), jobs.setPaused(queue, false));
    }

    @Operation(summary = "The queue's jobs in one state, oldest first (state=dead for the dead letters)")
    @Get("/v1/queues/{q}/jobs")
    @RequiresScope("jobs:enqueue")
    public Map<String, Object> list(@PathVariable String q, @QueryValue @Nullable String state,
                                    @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        QueueName queue = new QueueName(q);
        JobState wanted = JobState.fromWire(state == null ? "waiting" : state);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > 1000) {
            throw new InvalidInputException("limit", "limit must be 1..1000");
        }
        JobPage page = jobs.list(queue, wanted, Optional.ofNullable(cursor), size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.jobs().stream().map(this::body).toList());
        out.put("nextCursor", page.nextCursor().orElse(null));
        return out;
    }

    @Operation(summary = "Make a dead or failed job of the queue waiting again (409 in any other state)")
    @Post("/v1/queues/{q}/jobs/{id}/retry")
    @RequiresScope("jobs:enqueue")
    public JobResponses.JobBody retry(@PathVariable String q, @PathVariable String id) {
        QueueName queue = new QueueName(q);
        return body(jobs.retry(queue, jobId(id)));
    }

    @Operation(summary = "Make every dead job of the queue waiting again: {\"count\": n}")
    @Post("/v1/queues/{q}/retry-dead")
    @RequiresScope("jobs:enqueue")
    public JobResponses.Count retryDead(@PathVariable String q) {
        return new JobResponses.Count(jobs.retryDead(new QueueName(q)));
    }

    /** A job id; one that is not a UUID cannot exist, so it is a 404 like another tenant's. */
    private static JobId jobId(String id) {
        return JobId.parse(id).orElseThrow(() -> new NotFoundException("jobs.not_found", "job not found"));
    }

    private JobResponses.QueueBody queueBody(QueueStats stats, QueueSettings settings) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            counts.put(state.wire(), stats.counts().getOrDefault(state, 0L));
        }
        return new JobResponses.QueueBody(stats.queue().value(), counts,
                stats.oldestWaitingAge().map(age -> age.toMillis()).orElse(null), settings.paused(),
                settings.concurrency().isPresent() ? settings.concurrency().getAsInt() : null,
                settings.ratePerSecond().orElse(null));
    }

    private JobResponses.JobBody body(Job job) {
        return jobBody(job, json);
    }

    /** A job as the routes answer it; shared with {@link JobCompleteFastRoute}. */
    static JobResponses.JobBody jobBody(Job job, JsonMapper json) {
        return new JobResponses.JobBody(job.id().toString(), job.queue().value(), job.type(), job.state().wire(),
                job.priority(), job.attempts(), job.maxAttempts(), job.timeoutSeconds(), job.uniqueKey().orElse(null),
                job.publicPayload().map(text -> node(text, json)).orElse(null), job.secretPayload(),
                job.progress().percent(), job.progress().message().orElse(null), job.lastError().orElse(null),
                job.result().map(text -> node(text, json)).orElse(null), job.worker().orElse(null),
                job.leaseUntil().map(Instant::toString).orElse(null), job.createdAt().toString(), job.runAt().toString(),
                job.startedAt().map(Instant::toString).orElse(null), job.finishedAt().map(Instant::toString).orElse(null),
                job.updatedAt().toString());
    }

    private static JsonNode node(String text, JsonMapper json) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
