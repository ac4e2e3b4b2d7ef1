package dev.strata.adapters.http.fastpath;

import dev.strata.adapters.http.observability.AccessLogFilter;
import dev.strata.adapters.http.observability.RequestIds;
import dev.strata.domain.shared.ResourceName;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP adapter helper of the {@link FastRoute}s: what every fast answer shares with Micronaut's — the request
 * checks of a plain JSON {@code POST}, the response with the headers Micronaut's server adds ({@code X-Request-Id},
 * {@code Content-Length}, {@code Date}, {@code Server}), the very {@code http.server.requests} timer Micronaut's
 * server metrics record the route's answers in (same tags), and the access-log line. One per route.
 */
public final class FastAnswers {
    /** The JSON media type, as Micronaut writes it. */
    public static final String JSON = "application/json";
    /** The largest body the seat collects for a route ({@link FastPathHandler#MAX_BODY}). */
    public static final int MAX_BODY = FastPathHandler.MAX_BODY;
    private static final String METER = "http.server.requests";
    /** The property of Micronaut's server metrics: whether 4xx answers keep their route in the {@code uri} tag. */
    public static final String CLIENT_ERROR_URIS = "micronaut.metrics.binders.web.client-errors-uris.enabled";

    private final BeanProvider<MeterRegistry> registry;
    private final boolean metrics;
    private final boolean clientErrorUris;
    private final boolean dateHeader;
    @Nullable
    private final String serverHeader;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private volatile CachedDate date = new CachedDate(-1, "");

    /**
     * @param metrics whether Micronaut's server metrics are on ({@code micronaut.metrics.enabled} and
     *                {@code micronaut.metrics.binders.web.enabled})
     * @param clientErrorUris {@value #CLIENT_ERROR_URIS} (Micronaut's default: true)
     */
    public FastAnswers(BeanProvider<MeterRegistry> registry, HttpServerConfiguration server, boolean metrics,
                       boolean clientErrorUris) {
        this.registry = registry;
        this.metrics = metrics;
        this.clientErrorUris = clientErrorUris;
        this.dateHeader = server.isDateHeader();
        this.serverHeader = server.getServerHeader().orElse(null);
    }

    /**
     * True for a plain JSON {@code POST} over HTTP/1.1 keep-alive with a body of 1 to {@code maxBody} bytes in
     * a Content-Length (not chunked), accepting JSON, without {@code Expect}, {@code Origin} (CORS),
     * {@code Content-Encoding} or a WebSocket upgrade: the requests a body route may take at all.
     */
    public static boolean plainJsonPost(HttpRequest request, int maxBody) {
        if (request.method() != HttpMethod.POST || request.protocolVersion() != HttpVersion.HTTP_1_1
                || request.decoderResult().isFailure()) {
            return false;
        }
        HttpHeaders headers = request.headers();
        long length = HttpUtil.getContentLength(request, -1L);
        return length >= 1 && length <= maxBody && HttpUtil.isKeepAlive(request) && !HttpUtil.isTransferEncodingChunked(request)
                && !headers.contains(HttpHeaderNames.EXPECT) && !headers.contains(HttpHeaderNames.ORIGIN)
                && !headers.contains(HttpHeaderNames.CONTENT_ENCODING)
                && !headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && isJson(headers.get(HttpHeaderNames.CONTENT_TYPE)) && acceptsJson(headers.get(HttpHeaderNames.ACCEPT))
                && hasBearer(headers.get(HttpHeaderNames.AUTHORIZATION));
    }

    /**
     * The one path segment of a request target that is exactly {@code prefix + segment + suffix} (no query), or null;
     * the segment is as it stands, not decoded: the caller takes it only when it is valid as it stands.
     */
    @Nullable
    public static String segment(String uri, String prefix, String suffix) {
        if (!uri.startsWith(prefix) || !uri.endsWith(suffix) || uri.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        String segment = uri.substring(prefix.length(), uri.length() - suffix.length());
        return segment.indexOf('/') < 0 && segment.indexOf('?') < 0 ? segment : null;
    }

    /**
     * The resource name in a request target that is exactly {@code prefix + name + suffix}, when it is valid as it
     * stands (a valid name has no '/', '%', '?' or '#', so the path is the name); else null.
     */
    @Nullable
    public static String name(String uri, String prefix, String suffix) {
        String name = segment(uri, prefix, suffix);
        return name != null && ResourceName.isValid(name) ? name : null;
    }

    /** True for {@code application/json}, alone or with {@code charset=utf-8}. */
    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (!type.equalsIgnoreCase(JSON)) {
            return false;
        }
        if (semicolon < 0) {
            return true;
        }
        String parameter = contentType.substring(semicolon + 1).trim();
        return parameter.equalsIgnoreCase("charset=utf-8") || parameter.equalsIgnoreCase("charset=\"utf-8\"");
    }

    /** True when no Accept header, or one that plainly takes JSON. */
    static boolean acceptsJson(@Nullable String accept) {
        return accept == null || accept.equals("*/*") || accept.equalsIgnoreCase(JSON);
    }

    private static boolean hasBearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * A complete response as Micronaut's server writes it: {@code Content-Type}, the route's own headers
     * ({@code headers}, may be null), {@code X-Request-Id}, {@code Content-Length}, {@code Date} and
     * {@code Server} as configured.
     */
    public FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body, String requestId,
                                     @Nullable Consumer<HttpHeaders> headers) {
        return response(status, contentType, Unpooled.wrappedBuffer(body), requestId, headers);
    }

    /** As {@link #response(HttpResponseStatus, String, byte[], String, Consumer)}, with a body it takes over. */
    public FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body, String requestId,
                                     @Nullable Consumer<HttpHeaders> headers) {
        DefaultHttpHeaders out = new DefaultHttpHeaders(false);
        out.add(HttpHeaderNames.CONTENT_TYPE, contentType);
        if (headers != null) {
            headers.accept(out);
        }
        out.add(RequestIds.HEADER, requestId)
                .add(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (dateHeader) {
            out.add(HttpHeaderNames.DATE, httpDate());
        }
        if (serverHeader != null) {
            out.add(HttpHeaderNames.SERVER, serverHeader);
        }
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, out,
                EmptyHttpHeaders.INSTANCE);
    }

    /**
     * Records an answer as Micronaut's filters would have: the route's {@code http.server.requests} timer (tagged
     * with {@code exception}, the simple name of the failure, or {@code none}) and the access-log line (errors
     * and slow requests at INFO, every request at DEBUG).
     *
     * @param route the route's template, as Micronaut names it
     * @param path  the raw path (logged only at DEBUG)
     */
    public void record(String method, String route, String path, int status, String exception, long startedNanos,
                       String requestId) {
        long nanos = System.nanoTime() - startedNanos;
        if (metrics) {
            timer(method, status, route, exception).record(nanos, TimeUnit.NANOSECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (status >= 400 || millis >= 1000 || AccessLogFilter.logsEveryRequest()) {
            AccessLogFilter.write(method, route, path, status, millis, requestId);
        }
    }

    private Timer timer(String method, int status, String route, String exception) {
        // a record of the four: no string built per request (its hash combines the strings' cached hashes)
        TimerKey key = new TimerKey(method, status, route, exception);
        Timer timer = timers.get(key);
        if (timer == null) {
            // the very meter Micronaut's server metrics filter records this route's answers in
            timer = registry.get().timer(METER, Tags.of("method", method, "status", Integer.toString(status),
                    "uri", uriTag(route, status), "exception", exception));
            timers.put(key, timer);
        }
        return timer;
    }

    /**
     * The {@code uri} tag Micronaut's server metrics give an answer of {@code route}: {@code REDIRECTION} for a 3xx,
     * {@code NOT_FOUND} for a 404, and without {@value #CLIENT_ERROR_URIS} {@code UNAUTHORIZED} for a 401 and
     * {@code BAD_REQUEST} for any other 4xx; else the route's template.
     */
    private String uriTag(String route, int status) {
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (!clientErrorUris && status >= 400 && status < 500) {
            return status == 401 ? "UNAUTHORIZED" : "BAD_REQUEST";
        }
        return status == 404 ? "NOT_FOUND" : route;
    }

    /** The Date header, formatted once a second. */
    private String httpDate() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate cached = date;
        if (cached.second != second) {
            cached = new CachedDate(second, DateFormatter.format(new Date(second * 1000)));
            date = cached;
        }
        return cached.text;
    }

    private record CachedDate(long second, String text) {
    }

    private record TimerKey(String method, int status, String route, String exception) {
    }
}
