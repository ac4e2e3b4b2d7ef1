package dev.strata.adapters.http.observability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * HTTP adapter: access log lines on logger {@code strata.access}: method, route, status and duration.
 * Errors (status 400 and up) and slow requests (one second or more) are INFO lines; every other request
 * is a DEBUG line. At the default level (INFO) an operator thus sees what went wrong or slow, without a
 * line for each of tens of thousands of cache hits per second (formatting and writing those cost a
 * third of an L1 hit's throughput); {@code STRATA_ACCESS_LOG=DEBUG} logs every request, and the
 * Prometheus histograms count them all either way.
 *
 * <p>The line names the matched route's template ({@code /v1/cache/{ns}/{key}}), or {@link #UNMATCHED} when
 * no route matched, never the raw path: cache keys, session ids and other identifiers travel in paths. Only
 * at DEBUG (an operator's explicit choice) does the line also carry the raw path, as {@code path=...}.
 * Deliberately without query string, headers or bodies: tokens, secrets and cache keys travel there.
 * It runs right inside the request id filter, so the duration covers every other filter.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class AccessLogFilter implements Ordered {
    /** The logger name operators filter on. */
    public static final String LOGGER = "strata.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    /** What the line names instead of a route template when no route matched the request. */
    public static final String UNMATCHED = "<unmatched>";
    /** A request at least this slow is logged at INFO whatever its status. */
    static final long SLOW_MILLIS = 1000;

    @ResponseFilter
    public void log(HttpRequest<?> request, HttpResponse<?> response) {
        if (!LOG.isDebugEnabled() && (!LOG.isInfoEnabled() || response.code() < 400 && !slow(request))) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started(request));
        String route = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> ((UriRouteMatch<?, ?>) match).getRouteInfo().getUriMatchTemplate().toPathString())
                .or(() -> BasicHttpAttributes.getUriTemplate(request))
                .orElse(UNMATCHED);
        write(request.getMethodName(), route, request.getPath(), response.code(), millis, RequestIds.of(request));
    }

    /** True when every request is logged (level DEBUG), not only errors and slow ones. */
    public static boolean logsEveryRequest() {
        return LOG.isDebugEnabled();
    }

    /**
     * Writes the line for one request: INFO for an error or a slow request, DEBUG otherwise. The line names
     * {@code route} (a template, never a raw path); the raw {@code path} is added only when DEBUG is enabled.
     */
    public static void write(String method, String route, String path, int status, long millis, @Nullable String requestId) {
        boolean notable = status >= 400 || millis >= SLOW_MILLIS;
        // set explicitly: response filters may run on a thread where the request's context is no longer active
        String previous = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            if (LOG.isDebugEnabled()) {
                String raw = printable(path);
                if (notable) {
                    LOG.info("{} {} {} {}ms path={}", method, route, status, millis, raw);
                } else {
                    LOG.debug("{} {} {} {}ms path={}", method, route, status, millis, raw);
                }
            } else if (notable) {
                LOG.info("{} {} {} {}ms", method, route, status, millis);
            }
        } finally {
            if (previous != null) {
                MDC.put(RequestIds.MDC_KEY, previous);
            } else {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }
    }

    /** The path with control characters escaped, so that a crafted path cannot forge log lines. */
    static String printable(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                StringBuilder out = new StringBuilder(path.length() + 8);
                for (char c : path.toCharArray()) {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                return out.toString();
            }
        }
        return path;
    }

    private static boolean slow(HttpRequest<?> request) {
        return System.nanoTime() - started(request) >= TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS);
    }

    private static long started(HttpRequest<?> request) {
        return request.getAttribute(RequestIds.STARTED_ATTRIBUTE).orElse(null) instanceof Long at ? at : System.nanoTime();
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 1;
    }
}
