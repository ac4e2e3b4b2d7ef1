package dev.strata.adapters.http.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * HTTP adapter: gives every request an id, answers it in {@code X-Request-Id} and puts it in the
 * logging MDC as {@code requestId} for as long as the request is handled.
 *
 * <p>The id travels in Micronaut's propagated context ({@link RequestIdPropagation}), so it is in the MDC
 * on the blocking executor and in exception handlers too, and is restored when the event loop moves on. It runs first
 * so that responses made by later filters (a 401 from the auth filter) carry the id too.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {
    /** The order of this filter: before everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        String id = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        request.setAttribute(RequestIds.STARTED_ATTRIBUTE, System.nanoTime());
        propagatedContext.add(new RequestIdPropagation(id));
    }

    @ResponseFilter
    public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(RequestIds.HEADER, RequestIds.resolve(request));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
