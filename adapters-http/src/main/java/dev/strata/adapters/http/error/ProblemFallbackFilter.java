package dev.strata.adapters.http.error;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * HTTP adapter: gives a problem body to error responses that have none, such as a controller's bare
 * {@code HttpResponse.notFound()} or a 401 from a management endpoint, so that every error a client
 * sees is problem+json.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class ProblemFallbackFilter implements Ordered {
    // inside the request id and access log filters, outside everything else
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final ProblemMapper mapper;

    public ProblemFallbackFilter(ProblemMapper mapper) {
        this.mapper = mapper;
    }

    @ResponseFilter
    public void fillIn(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || request.getMethod() == HttpMethod.HEAD || response.getBody().isPresent()) {
            return;
        }
        ProblemMapper.Mapped mapped = mapper.byStatus(response.status());
        Problems.withHeaders(response, mapped)
                .body(Problems.body(request, response.status(), mapped.code(), mapped.detail(), null))
                .contentType(Problems.PROBLEM_JSON);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
