package dev.strata.adapters.http.ratelimits;

import dev.strata.adapters.http.fastpath.FastAnswers;
import dev.strata.adapters.http.fastpath.FastRoute;
import dev.strata.adapters.http.observability.RequestIds;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP adapter: answers a plain, authorised {@code POST /v1/rate-limits/{policy}/consume} straight from the
 * connection's Netty pipeline, ahead of Micronaut's routing, body binding and filter chain (a {@link FastRoute}):
 * the decision is one non-blocking script call ({@link RateLimitUseCase#consumeWithoutBlocking}), answered on
 * Redis's I/O thread, with the same status (200, or 429 with the same body), body, headers
 * ({@code RateLimit-*}, {@code Retry-After}, {@code X-Request-Id}, {@code Date}), request timer and access log
 * line as {@link RateLimitsController#consume}.
 *
 * <p>It takes only the plain case: a JSON body of exactly {@code key} (a string without escapes) and optionally
 * {@code cost} (a plain integer), valid as they stand; a token memory vouches for, with scope {@code ratelimit};
 * a policy this instance knows right now. Whatever else goes on to Micronaut, which answers as ever: a missing or
 * bad token, a missing scope, any body it would refuse or read differently (problem answers stay theirs), an
 * unknown policy or one to read from Postgres, an {@code Origin}, an {@code Expect}, {@code Connection: close}.
 *
 * <p>On by default; {@code strata.http.fast-rate-limits=false} turns it off.
 */
@Singleton
@Requires(property = RateLimitConsumeFastPath.ENABLED, notEquals = "false")
@Requires(beans = RateLimitUseCase.class)
public class RateLimitConsumeFastPath implements FastRoute {
    /** The switch. */
    public static final String ENABLED = "strata.http.fast-rate-limits";
    /** The route's template, as Micronaut's server metrics name it. */
    static final String ROUTE = "/v1/rate-limits/{policy}/consume";
    private static final String PREFIX = "/v1/rate-limits/";
    private static final String SUFFIX = "/consume";

    private final RateLimitUseCase rateLimits;
    private final AuthenticationFilter authentication;
    private final FastAnswers answers;
    private final LongAdder answered = new LongAdder();

    public RateLimitConsumeFastPath(RateLimitUseCase rateLimits, AuthenticationFilter authentication,
                                    BeanProvider<MeterRegistry> registry, HttpServerConfiguration server,
                                    @Value("${micronaut.metrics.enabled:true}") boolean metricsEnabled,
                                    @Value("${micronaut.metrics.binders.web.enabled:true}") boolean webMetricsEnabled,
                                    @Value("${" + FastAnswers.CLIENT_ERROR_URIS + ":true}") boolean clientErrorUris) {
        this.rateLimits = rateLimits;
        this.authentication = authentication;
        this.answers = new FastAnswers(registry, server, metricsEnabled && webMetricsEnabled, clientErrorUris);
    }

    /** How many decisions this instance has answered on the fast path (for tests and diagnostics). */
    public long answered() {
        return answered.sum();
    }

    @Override
    public CompletableFuture<FullHttpResponse> answer(HttpRequest request) {
        return null; // a decision has a body
    }

    @Override
    public boolean wantsBody(HttpRequest request) {
        return FastAnswers.plainJsonPost(request, FastAnswers.MAX_BODY) && policyOf(request.uri()) != null;
    }

    @Override
    @Nullable
    public CompletableFuture<FullHttpResponse> answer(HttpRequest request, ByteBuf body) {
        long started = System.nanoTime();
        String policy = policyOf(request.uri());
        if (policy == null) {
            return null;
        }
        HttpHeaders headers = request.headers();
        Optional<AccessPrincipal> principal = authentication.vouchedFor(headers.get(HttpHeaderNames.AUTHORIZATION));
        if (principal.isEmpty() || !principal.get().has(Scope.RATELIMIT)) {
            return null;
        }
        ConsumeBody parsed = ConsumeBody.parse(body.toString(StandardCharsets.UTF_8));
        if (parsed == null) {
            return null;
        }
        ConsumeRateLimitCommand command;
        try {
            command = new ConsumeRateLimitCommand(policy, parsed.key(), parsed.cost());
        } catch (InvalidInputException e) {
            return null; // Micronaut's problem answer
        }
        Optional<CompletionStage<RateDecision>> decided = TenantContext.callAs(principal.get().tenantId(),
                () -> rateLimits.consumeWithoutBlocking(command));
        if (decided.isEmpty()) {
            return null;
        }
        String requestId = RequestIds.accept(headers.get(RequestIds.HEADER));
        String path = request.uri();
        return decided.get().toCompletableFuture()
                .thenApply(decision -> respond(decision, requestId, path, started))
                // an unexpected failure (a failing store is decided by the per-instance limiter already): Micronaut's
                .exceptionally(error -> null);
    }

    /** The policy name of a request target that is exactly {@code /v1/rate-limits/{policy}/consume}, else null. */
    @Nullable
    static String policyOf(String uri) {
        String policy = FastAnswers.segment(uri, PREFIX, SUFFIX);
        if (policy == null || !ResourceName.isValid(policy)) {
            return null;
        }
        try {
            ResourceName.of("policy", policy); // reserved names: Micronaut's 400
        } catch (InvalidInputException e) {
            return null;
        }
        return policy;
    }

    private FullHttpResponse respond(RateDecision decision, String requestId, String path, long started) {
        boolean allowed = decision.allowed();
        long reset = Math.max(0, (decision.resetAt().toEpochMilli() - Instant.now().toEpochMilli() + 999) / 1000);
        HttpResponseStatus status = allowed ? HttpResponseStatus.OK : HttpResponseStatus.TOO_MANY_REQUESTS;
        FullHttpResponse response = answers.response(status, FastAnswers.JSON, ConsumeBody.json(decision), requestId, out -> {
            out.add("RateLimit-Limit", Integer.toString(decision.limit()))
                    .add("RateLimit-Remaining", Integer.toString(decision.remaining()))
                    .add("RateLimit-Reset", Long.toString(reset));
            if (!allowed) {
                out.add(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, (decision.retryAfterMillis() + 999) / 1000)));
            }
        });
        answered.increment();
        answers.record("POST", ROUTE, path, status.code(), "none", started, requestId);
        return response;
    }
}
