package dev.strata.adapters.http.cache.fastpath;

import dev.strata.adapters.http.cache.CacheHeaders;
import dev.strata.adapters.http.cache.CacheHitResponse;
import dev.strata.adapters.http.cache.CachePath;
import dev.strata.adapters.http.fastpath.FastAnswers;
import dev.strata.adapters.http.fastpath.FastRoute;
import dev.strata.adapters.http.observability.RequestIds;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.GetCacheEntryUseCase;
import dev.strata.application.cache.port.PeekCacheEntryUseCase;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * HTTP adapter: answers the hottest request there is — an authorised {@code GET /v1/cache/{ns}/{key}} that
 * hits L1 or L2 — straight from the connection's Netty pipeline, ahead of Micronaut's routing, argument
 * binding and filter chain (a {@link FastRoute} of the connection's fast-path handler). An L1 hit is answered at once;
 * an L2 hit after a non-blocking Redis read ({@link PeekCacheEntryUseCase#getWithoutBlocking}).
 *
 * <p>It takes only the plain case and answers it as the cache controller does: the same body, status and
 * headers ({@link CacheHitResponse}: {@code X-Cache}, {@code ETag}, {@code Cache-Control}; {@code X-Request-Id},
 * {@code Date}), the same request counters, the same {@code http.server.requests} timer and access log line.
 * Whatever it cannot answer without blocking goes on to Micronaut, which then answers as ever: a token
 * memory cannot vouch for, a missing scope, a miss in L1 and L2, a query string or a conditional request,
 * an {@code Origin} (CORS), a body, an {@code Expect} or a WebSocket upgrade, HTTP/1.0 or
 * {@code Connection: close}, a response that compression would touch, anything odd in the path. So every
 * refusal, error and slower tier keeps its single implementation, and this class owns only the hit.
 *
 * <p>On by default; {@code strata.http.fast-cache-reads=false} turns it off.
 */
@Singleton
@Requires(property = CacheReadFastPath.ENABLED, notEquals = "false")
@Requires(beans = PeekCacheEntryUseCase.class)
public class CacheReadFastPath implements FastRoute {
    /** The switch. */
    public static final String ENABLED = "strata.http.fast-cache-reads";
    /** The switch of the fast path's full reads (L3, and tokens memory cannot vouch for) on the blocking pool. */
    public static final String FULL_READS = "strata.http.fast-cache-full-reads";
    /** The route's template, as Micronaut's server metrics name it. */
    static final String ROUTE = CachePath.ROUTE;
    private static final String X_REQUEST_ID = RequestIds.HEADER;

    private final PeekCacheEntryUseCase getEntry;
    private final GetCacheEntryUseCase full;
    private final Executor blocking;
    private final boolean fullReads;
    private final AuthenticationFilter authentication;
    private final FastAnswers answers;
    private final int compressionThreshold;
    private final Clock clock = Clock.systemUTC();
    private final LongAdder answered = new LongAdder();

    public CacheReadFastPath(PeekCacheEntryUseCase getEntry, GetCacheEntryUseCase full,
                             @Named(TaskExecutors.BLOCKING) Executor blocking, AuthenticationFilter authentication,
                             BeanProvider<MeterRegistry> registry, HttpServerConfiguration server,
                             @Value("${" + FULL_READS + ":true}") boolean fullReads,
                             @Value("${micronaut.metrics.enabled:true}") boolean metricsEnabled,
                             @Value("${micronaut.metrics.binders.web.enabled:true}") boolean webMetricsEnabled,
                             @Value("${" + FastAnswers.CLIENT_ERROR_URIS + ":true}") boolean clientErrorUris) {
        this.getEntry = getEntry;
        this.full = full;
        this.blocking = blocking;
        this.fullReads = fullReads;
        this.authentication = authentication;
        this.answers = new FastAnswers(registry, server, metricsEnabled && webMetricsEnabled, clientErrorUris);
        this.compressionThreshold = server instanceof NettyHttpServerConfiguration netty
                ? netty.getCompressionThreshold() : NettyHttpServerConfiguration.DEFAULT_COMPRESSIONTHRESHOLD;
    }

    /** How many requests this instance has answered on the fast path (for tests and diagnostics). */
    public long answered() {
        return answered.sum();
    }

    /**
     * The answer to {@code request} when it is a plain, authorised read: already complete for an L1 hit (memory),
     * completing later on Redis's I/O thread for an L2 probe, or on the blocking pool for the rest (an L3 read, a
     * token memory cannot vouch for); it completes with null when the request is Micronaut's after all (a miss, a
     * refusal, a fault). Null itself when the request is Micronaut's from the start. Runs on the connection's event
     * loop, never blocks, never completes exceptionally.
     */
    @Override
    @Nullable
    public CompletableFuture<FullHttpResponse> answer(HttpRequest request) {
        long started = System.nanoTime();
        CacheKey key = plainKey(request);
        if (key == null) {
            return null;
        }
        HttpHeaders headers = request.headers();
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String requestId = RequestIds.accept(headers.get(X_REQUEST_ID));
        String path = request.uri();
        // Micronaut compresses large values for such a client: memory only, and only values it would not compress
        // (compression is not implemented twice, and a hit is counted once)
        boolean compressing = headers.contains(HttpHeaderNames.ACCEPT_ENCODING);
        Optional<AccessPrincipal> principal = authentication.vouchedFor(authorization);
        if (principal.isEmpty()) {
            // memory cannot vouch for the token (its first use, or the coherence channel is down and the last check
            // is older than the staleness bound): the stores decide, as the filter would, off the event loop
            return compressing || !fullReads ? null : offload(() -> authentication.checkedFor(authorization)
                    .filter(checked -> checked.has(Scope.CACHE_READ))
                    .map(checked -> fullRead(request, checked, key, requestId, started))
                    .orElse(null));
        }
        if (!principal.get().has(Scope.CACHE_READ)) {
            return null;
        }
        AccessPrincipal caller = principal.get();
        if (compressing) {
            Optional<CacheLookup.Hit> hit = TenantContext.callAs(caller.tenantId(),
                    () -> getEntry.getFromMemory(key, compressionThreshold - 1));
            return hit.isEmpty() ? null : CompletableFuture.completedFuture(respond(hit.get(), requestId, path, started));
        }
        CompletionStage<Optional<CacheLookup.Hit>> hit = TenantContext.callAs(caller.tenantId(),
                () -> getEntry.getWithoutBlocking(key));
        return hit.toCompletableFuture().handle((found, error) -> {
            if (found != null && found.isPresent()) {
                return CompletableFuture.completedFuture(respond(found.get(), requestId, path, started));
            }
            // a miss in L1 and L2, or Redis failing: the full read, on the blocking pool
            return fullReads ? offload(() -> fullRead(request, caller, key, requestId, started))
                    : CompletableFuture.<FullHttpResponse>completedFuture(null);
        }).thenCompose(answer -> answer);
    }

    /**
     * The full read through every tier (blocking): a hit is answered here; a miss goes on to Micronaut marked
     * {@link CacheHeaders#PROBED_MISS}, so that the controller answers it without reading (and counting) it twice.
     */
    @Nullable
    private FullHttpResponse fullRead(HttpRequest request, AccessPrincipal caller, CacheKey key, String requestId,
                                      long started) {
        CacheLookup lookup = TenantContext.callAs(caller.tenantId(), () -> full.get(GetCacheEntryQuery.of(key)));
        if (lookup instanceof CacheLookup.Hit hit) {
            return respond(hit, requestId, request.uri(), started);
        }
        request.headers().set(CacheHeaders.PROBED, CacheHeaders.PROBED_MISS);
        return null;
    }

    /** Runs a blocking answer on the blocking pool; whatever fails there is Micronaut's to answer. */
    private CompletableFuture<FullHttpResponse> offload(Supplier<FullHttpResponse> answer) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return answer.get();
                } catch (RuntimeException e) {
                    return null;
                }
            }, blocking);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private FullHttpResponse respond(CacheLookup.Hit hit, String requestId, String path, long started) {
        CacheHitResponse answer = CacheHitResponse.of(hit, clock.instant());
        FullHttpResponse response = answers.response(HttpResponseStatus.OK, CacheHitResponse.CONTENT_TYPE,
                Unpooled.wrappedBuffer(answer.body()),
                requestId, out -> answer.forEachHeader(out::add));
        answered.increment();
        answers.record("GET", ROUTE, path, 200, "none", started, requestId);
        return response;
    }

    /**
     * The key of a plain {@code GET /v1/cache/{ns}/{key}} over HTTP/1.1 that nothing but the hit itself
     * decides; null for anything else.
     */
    @Nullable
    static CacheKey plainKey(HttpRequest request) {
        if (request.method() != HttpMethod.GET || request.protocolVersion() != HttpVersion.HTTP_1_1
                || request.decoderResult().isFailure()) {
            return null;
        }
        HttpHeaders headers = request.headers();
        if (!HttpUtil.isKeepAlive(request) || HttpUtil.isTransferEncodingChunked(request)
                || HttpUtil.getContentLength(request, 0L) != 0L || headers.contains(HttpHeaderNames.EXPECT)
                || headers.contains(HttpHeaderNames.IF_NONE_MATCH) || headers.contains(HttpHeaderNames.ORIGIN)
                || headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            // an Upgrade to h2c (Java's HTTP client asks on every new connection) that reached this handler was
            // declined already: the server has no h2c, and the request is answered over HTTP/1.1 as it stands
            return null;
        }
        // the path itself: exactly one key of a valid namespace, else Micronaut's route decides
        return CachePath.exactKey(request.uri());
    }
}
