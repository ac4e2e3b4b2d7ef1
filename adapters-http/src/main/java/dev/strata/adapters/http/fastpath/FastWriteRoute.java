package dev.strata.adapters.http.fastpath;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.domain.shared.Scope;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HTTP adapter: what every {@link FastRoute} that starts a write (a publish, an enqueue, a completion) checks before it
 * starts anything: a plain JSON POST ({@link FastAnswers#plainJsonPost}) to a target the route recognises, without an
 * {@code Idempotency-Key} when the route leaves those to Micronaut, and a token memory vouches for with the route's
 * scope. Whatever fails a check is Micronaut's; the route then reads its body into a {@link Plan}, which is started
 * through the route's {@link FastWrite}, or declines.
 *
 * @param <T> what the route reads off the request target (a topic, a queue, a job id)
 * @param <R> what the route's write answers (a published event, an enqueued job, a completed job)
 */
public abstract class FastWriteRoute<T, R> implements FastRoute {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final AuthenticationFilter authentication;
    private final Scope scope;
    private final boolean leavesKeysToMicronaut;
    /** The route's write: start, answers, counts. */
    private final FastWrite write;

    protected FastWriteRoute(AuthenticationFilter authentication, FastWrite write, Scope scope,
                             boolean leavesKeysToMicronaut) {
        this.authentication = authentication;
        this.write = write;
        this.scope = scope;
        this.leavesKeysToMicronaut = leavesKeysToMicronaut;
    }

    /** How many requests this instance has answered on the route, failures included (tests, diagnostics). */
    public long answered() {
        return write.answered();
    }

    @Override
    public final CompletableFuture<FullHttpResponse> answer(HttpRequest request) {
        return null; // a write has a body
    }

    @Override
    public final boolean wantsBody(HttpRequest request) {
        return FastAnswers.plainJsonPost(request, FastAnswers.MAX_BODY) && !keyed(request) && target(request.uri()) != null;
    }

    @Override
    @Nullable
    public final CompletableFuture<FullHttpResponse> answer(HttpRequest request, ByteBuf body) {
        long started = System.nanoTime();
        T target = target(request.uri());
        if (target == null || keyed(request)) {
            return null;
        }
        Optional<AccessPrincipal> principal = authentication.vouchedFor(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (principal.isEmpty() || !principal.get().has(scope)) {
            return null;
        }
        Plan<R> plan = plan(target, ByteBufUtil.getBytes(body), principal.get());
        return plan == null ? null
                : write.start(request, started, principal.get().tenantId(), plan.write(), plan.success());
    }

    private boolean keyed(HttpRequest request) {
        return leavesKeysToMicronaut && request.headers().contains(IDEMPOTENCY_KEY);
    }

    /** What the request target names, when it is exactly the route's path with a valid value in it; else null. */
    @Nullable
    protected abstract T target(String uri);

    /**
     * A write the route has read off its request: the write itself (it may block; {@link FastWrite} runs it on the
     * blocking pool, in the caller's tenant) and the success it answers with.
     */
    public record Plan<R>(Supplier<CompletableFuture<R>> write, Function<? super R, FastWrite.Success> success) {
    }

    /**
     * Reads {@code body} into the write to start; null (nothing started) when the body or what it asks for is
     * Micronaut's to answer.
     */
    @Nullable
    protected abstract Plan<R> plan(T target, byte[] body, AccessPrincipal caller);
}
