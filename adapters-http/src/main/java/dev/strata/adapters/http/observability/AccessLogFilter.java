package dev.strata.adapters.http.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * HTTP adapter: one access log line per request on logger {@code strata.access}: method, path,
 * status and duration.
 *
 * <p>Deliberately without query string, headers or bodies: tokens, secrets and cache keys travel there.
 * It runs right inside the request id filter, so the duration covers every other filter.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class AccessLogFilter implements Ordered {
    /** The logger name operators filter on. */
    public static final String LOGGER = "strata.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @ResponseFilter
    public void log(HttpRequest<?> request, HttpResponse<?> response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long started = request.getAttribute(RequestIds.STARTED_ATTRIBUTE).orElse(null) instanceof Long at ? at : System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String id = RequestIds.of(request);
        // set explicitly: response filters may run on a thread where the request's context is no longer active
        String previous = MDC.get(RequestIds.MDC_KEY);
        if (id != null) {
            MDC.put(RequestIds.MDC_KEY, id);
        }
        try {
            LOG.info("{} {} {} {}ms", request.getMethodName(), request.getPath(), response.code(), millis);
        } finally {
            if (previous != null) {
                MDC.put(RequestIds.MDC_KEY, previous);
            } else {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 1;
    }
}
