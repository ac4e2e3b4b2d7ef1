package dev.strata.adapters.http.fastpath;

import dev.strata.adapters.http.error.ProblemExceptionHandler;
import dev.strata.adapters.http.error.ProblemMapper;
import dev.strata.adapters.http.error.Problems;
import dev.strata.adapters.http.observability.RequestIds;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * HTTP adapter helper of the {@link FastRoute}s that start a write (a publish, an enqueue, a completion): runs the
 * write on the blocking pool, where the controller's {@code @ExecuteOn} would, in the principal's tenant and the
 * request id's logging context; then answers whatever comes of it itself. Once started the request is never handed
 * on to Micronaut (the write could happen twice): a success is the route's status and body as the application's
 * mapper writes it, a failure the status, problem body, {@code Retry-After}, log line and timer tags Micronaut's
 * error handling gives that exception ({@link ProblemMapper}, {@link Problems#body(String, ProblemMapper.Mapped,
 * Throwable)}, {@link ProblemExceptionHandler#log}), and when even that fails, a fixed problem+json 500. One per
 * route; it counts the route's answers.
 */
public final class FastWrite {
    private static final String PROBLEM_JSON = Problems.PROBLEM_JSON.toString();
    private static final byte[] LAST_RESORT = ("{\"type\":\"" + Problems.TYPE_PREFIX + Problems.INTERNAL_ERROR
            + "\",\"title\":\"Internal Server Error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
    private static final String METHOD = "POST";
    private static final Logger LOG = LoggerFactory.getLogger(FastWrite.class);

    private final FastAnswers answers;
    private final JsonMapper json;
    private final ProblemMapper problems;
    private final Executor blocking;
    private final String route;
    private final LongAdder answered = new LongAdder();

    /**
     * @param blocking the blocking pool ({@code TaskExecutors.BLOCKING})
     * @param route    the route's template, as Micronaut's server metrics name it
     */
    public FastWrite(FastAnswers answers, JsonMapper json, ProblemMapper problems, Executor blocking, String route) {
        this.answers = answers;
        this.json = json;
        this.problems = problems;
        this.blocking = blocking;
        this.route = route;
    }

    /** A success: the status and the body the mapper writes as JSON. */
    public record Success(HttpResponseStatus status, Object body) {
    }

    /** How many requests this route has answered, failures included (tests, diagnostics). */
    public long answered() {
        return answered.sum();
    }

    /**
     * Starts {@code write} on the blocking pool in {@code tenant} and answers what comes of it with {@code success}
     * or the failure's problem; the future never completes with null or exceptionally. Null when the pool refuses
     * the task: nothing started, the request is Micronaut's.
     *
     * @param started {@link System#nanoTime()} when the route took the request (the timer's start)
     * @param write   the write; it may block, and may answer later through its future
     */
    @Nullable
    public <T> CompletableFuture<FullHttpResponse> start(HttpRequest request, long started, TenantId tenant,
                                                         Supplier<CompletableFuture<T>> write,
                                                         Function<? super T, Success> success) {
        String requestId = RequestIds.accept(request.headers().get(RequestIds.HEADER));
        String path = request.uri();
        CompletableFuture<T> written;
        try {
            written = CompletableFuture.supplyAsync(() -> inContext(tenant, requestId, write), blocking)
                    .thenCompose(result -> result);
        } catch (RejectedExecutionException e) {
            return null; // nothing started: Micronaut's
        }
        // from here on the answer is this route's, whatever happens
        return written.handle((result, error) -> {
            try {
                return error == null ? succeeded(success.apply(result), requestId, path, started)
                        : failed(error, requestId, path, started);
            } catch (RuntimeException | Error e) {
                return lastResort(e, requestId, path, started);
            }
        });
    }

    /** Runs the write in the principal's tenant and the request's logging context, as the controller's thread does. */
    private static <T> CompletableFuture<T> inContext(TenantId tenant, String requestId, Supplier<CompletableFuture<T>> write) {
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            return TenantContext.callAs(tenant, write);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private FullHttpResponse succeeded(Success success, String requestId, String path, long started) {
        byte[] body = encode(success.body());
        FullHttpResponse response = answers.response(success.status(), FastAnswers.JSON, body, requestId, null);
        answered.increment();
        answers.record(METHOD, route, path, success.status().code(), "none", started, requestId);
        return response;
    }

    /** The answer Micronaut's error handling gives the write's failure. */
    private FullHttpResponse failed(Throwable error, String requestId, String path, long started) {
        Throwable cause = unwrap(error);
        ProblemMapper.Mapped mapped = problems.map(cause, null);
        logged(requestId, () -> ProblemExceptionHandler.log(METHOD, path, cause, mapped));
        byte[] body = encode(Problems.body(path, mapped, cause));
        Integer retryAfter = mapped.retryAfterSeconds();
        FullHttpResponse response = answers.response(HttpResponseStatus.valueOf(mapped.status().getCode()), PROBLEM_JSON,
                body, requestId, retryAfter == null ? null
                        : out -> out.add(HttpHeaderNames.RETRY_AFTER, Integer.toString(retryAfter)));
        answered.increment();
        answers.record(METHOD, route, path, mapped.status().getCode(), cause.getClass().getSimpleName(), started, requestId);
        return response;
    }

    /** A 500 built without the JSON mapper, when even the answer failed: the request must not go on to Micronaut. */
    private FullHttpResponse lastResort(Throwable error, String requestId, String path, long started) {
        logged(requestId, () -> LOG.error("Unexpected error on {} {}", METHOD, path, error));
        answered.increment();
        answers.record(METHOD, route, path, 500, error.getClass().getSimpleName(), started, requestId);
        return answers.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, PROBLEM_JSON, LAST_RESORT, requestId, null);
    }

    private byte[] encode(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException("the answer could not be encoded", e);
        }
    }

    /** Logs with the request's id in the logging context, as on the controller's thread. */
    private static void logged(String requestId, Runnable log) {
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            log.run();
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
