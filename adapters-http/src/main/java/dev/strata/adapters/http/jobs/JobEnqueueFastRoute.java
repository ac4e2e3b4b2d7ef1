package dev.strata.adapters.http.jobs;

import dev.strata.adapters.http.fastpath.FastAnswers;
import dev.strata.adapters.http.fastpath.FastRoute;
import dev.strata.adapters.http.fastpath.FastWrite;
import dev.strata.adapters.http.fastpath.FastWriteRoute;
import dev.strata.adapters.http.fastpath.FastWrites;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.application.jobs.port.EnqueueJobCommand;
import dev.strata.application.jobs.port.ManageJobsUseCase;
import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.shared.Scope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: answers a plain, authorised {@code POST /v1/queues/{q}/jobs} straight from the connection's Netty
 * pipeline, ahead of Micronaut's routing, filters, body binding and encoding (a {@link FastRoute}): the same enqueue
 * as {@link JobsController#enqueue} ({@link JobsController#spec}, then {@link ManageJobsUseCase#enqueue}), answered
 * with the same status (201, or 200 for a duplicate of a pending or running job's {@code uniqueKey}), body, headers,
 * request timer and access-log line.
 *
 * <p>It takes only the plain case: HTTP/1.1 keep-alive, a JSON body of at most 2 KiB that {@link JobEnqueueBody}
 * reads exactly as Micronaut would and that the controller's own checks accept, no {@code Idempotency-Key}, a token
 * memory vouches for with scope {@code jobs:enqueue}, a valid queue name. Everything else goes to Micronaut before
 * anything is started, which answers as ever (a bad field: the 400 naming it).
 *
 * <p>The enqueue blocks its caller until its batch commits, so it runs on the blocking pool ({@link FastWrite}),
 * and once started the request is never handed on: a failure (a queue's waiting quota, the store down) is answered
 * here as Micronaut's error handling answers it.
 *
 * <p>On by default, with {@link JobCompleteFastRoute}; {@code strata.http.fast-jobs=false} turns both off.
 */
@Singleton
@Requires(property = JobEnqueueFastRoute.ENABLED, notEquals = "false")
@Requires(beans = ManageJobsUseCase.class)
public class JobEnqueueFastRoute extends FastWriteRoute<String, Enqueued> {
    /** The switch of both jobs fast routes. */
    public static final String ENABLED = "strata.http.fast-jobs";
    /** The route's template, as Micronaut's server metrics name it. */
    static final String ROUTE = "/v1/queues/{q}/jobs";
    private static final String PREFIX = "/v1/queues/";
    private static final String SUFFIX = "/jobs";

    private final ManageJobsUseCase jobs;
    private final JsonMapper json;

    public JobEnqueueFastRoute(ManageJobsUseCase jobs, AuthenticationFilter authentication, JsonMapper json,
                               FastWrites writes) {
        super(authentication, writes.forRoute(ROUTE), Scope.JOBS_ENQUEUE, true);
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    protected String target(String uri) {
        return queueOf(uri);
    }

    @Override
    @Nullable
    protected Plan<Enqueued> plan(String queue, byte[] body, AccessPrincipal caller) {
        JobRequests.Enqueue parsed = JobEnqueueBody.read(body, json);
        if (parsed == null) {
            return null;
        }
        EnqueueJobCommand command;
        try {
            JobSpec spec = JobsController.spec(parsed, json);
            command = new EnqueueJobCommand(new QueueName(queue), spec, Optional.empty());
        } catch (RuntimeException e) {
            return null; // a field the controller refuses: Micronaut's 400 naming it
        }
        return new Plan<>(() -> CompletableFuture.completedFuture(jobs.enqueue(command)),
                enqueued -> new FastWrite.Success(HttpResponseStatus.valueOf(JobsController.enqueuedStatus(enqueued).getCode()),
                        JobsController.created(enqueued)));
    }

    /** The queue of a request target that is exactly {@code /v1/queues/{q}/jobs} with a valid name, else null. */
    @Nullable
    static String queueOf(String uri) {
        return FastAnswers.name(uri, PREFIX, SUFFIX);
    }
}
