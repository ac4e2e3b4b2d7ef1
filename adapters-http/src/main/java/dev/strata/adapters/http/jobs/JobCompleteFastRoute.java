package dev.strata.adapters.http.jobs;

import dev.strata.adapters.http.fastpath.FastAnswers;
import dev.strata.adapters.http.fastpath.FastRoute;
import dev.strata.adapters.http.fastpath.FastWrite;
import dev.strata.adapters.http.fastpath.FastWriteRoute;
import dev.strata.adapters.http.fastpath.FastWrites;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.application.jobs.port.ManageJobsUseCase;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.shared.Scope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: answers a plain, authorised {@code POST /v1/jobs/{id}/complete} straight from the connection's Netty
 * pipeline, ahead of Micronaut's routing, filters, body binding and encoding (a {@link FastRoute}): the same
 * completion as {@link JobsController#complete} ({@link JobsController#result}, then
 * {@link ManageJobsUseCase#complete}), answered with the same status (200), body ({@link JobsController#jobBody}),
 * headers, request timer and access-log line.
 *
 * <p>It takes only the plain case: HTTP/1.1 keep-alive, a JSON body of at most 2 KiB that {@link JobCompleteBody}
 * reads exactly as Micronaut would, with a worker and a result the domain's own checks accept, a token memory vouches
 * for with scope {@code jobs:work}, and an id written as a UUID in its canonical form. Everything else goes to
 * Micronaut before anything is started, which answers as ever.
 *
 * <p>The completion blocks its caller (a transaction), so it runs on the blocking pool ({@link FastWrite}), and once
 * started the request is never handed on: a failure — an unknown job or another tenant's (404), one this worker
 * does not hold (409), the store down (503) — is answered here as Micronaut's error handling answers it.
 *
 * <p>On by default, with {@link JobEnqueueFastRoute}; {@code strata.http.fast-jobs=false} turns both off.
 */
@Singleton
@Requires(property = JobEnqueueFastRoute.ENABLED, notEquals = "false")
@Requires(beans = ManageJobsUseCase.class)
public class JobCompleteFastRoute extends FastWriteRoute<JobId, Job> {
    /** The route's template, as Micronaut's server metrics name it. */
    static final String ROUTE = "/v1/jobs/{id}/complete";
    private static final String PREFIX = "/v1/jobs/";
    private static final String SUFFIX = "/complete";
    /** The length of a UUID's canonical form. */
    private static final int UUID_LENGTH = 36;

    private final ManageJobsUseCase jobs;
    private final JsonMapper json;

    public JobCompleteFastRoute(ManageJobsUseCase jobs, AuthenticationFilter authentication, JsonMapper json,
                                FastWrites writes) {
        super(authentication, writes.forRoute(ROUTE), Scope.JOBS_WORK, false);
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    protected JobId target(String uri) {
        return idOf(uri);
    }

    @Override
    @Nullable
    protected Plan<Job> plan(JobId id, byte[] body, AccessPrincipal caller) {
        JobRequests.Complete parsed = JobCompleteBody.read(body, json);
        if (parsed == null) {
            return null;
        }
        String worker = parsed.worker();
        Optional<String> result;
        try {
            Job.checkWorker(worker);
            result = JobsController.result(parsed, json);
            result.ifPresent(Job::checkResult);
        } catch (RuntimeException e) {
            return null; // a field the domain refuses: Micronaut's 400 naming it
        }
        return new Plan<>(() -> CompletableFuture.completedFuture(jobs.complete(id, worker, result)),
                job -> new FastWrite.Success(HttpResponseStatus.OK, JobsController.jobBody(job, json)));
    }

    /**
     * The job of a request target that is exactly {@code /v1/jobs/{id}/complete} with the id a UUID in canonical form
     * (lower or upper case hex), else null: another spelling, which Micronaut may decode or parse otherwise, is its.
     */
    @Nullable
    static JobId idOf(String uri) {
        String id = FastAnswers.segment(uri, PREFIX, SUFFIX);
        if (id == null || id.length() != UUID_LENGTH) {
            return null;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hex(c)) {
                return null;
            }
        }
        return JobId.parse(id).orElse(null);
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
