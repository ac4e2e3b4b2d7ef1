package dev.strata.adapters.http.error;

import dev.strata.adapters.http.observability.RequestIds;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * HTTP adapter: writes every error the framework produces (unknown route, 405, 406, 415, 413, binding
 * and validation failures, anything unhandled) as RFC 9457 problem+json.
 *
 * <p>Being a bean of this type switches off Micronaut's default processor, which would pick JSON or
 * HTML by the Accept header and copy exception messages into the body.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private final ProblemMapper mapper;

    public ProblemErrorResponseProcessor(ProblemMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        HttpRequest<?> request = errorContext.getRequest();
        ProblemMapper.Mapped mapped = mapper.map(errorContext.getRootCause().orElse(null), response.status());
        // the framework already set what belongs to the status (Allow on a 405); keep it, set ours
        MutableHttpResponse<?> withStatus = Problems.withHeaders(response.status(mapped.status()), mapped);
        // normally the request id filter does this; requests rejected while being decoded never reach it
        if (!withStatus.getHeaders().contains(RequestIds.HEADER)) {
            withStatus.getHeaders().set(RequestIds.HEADER, RequestIds.resolve(request));
        }
        if (request.getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) withStatus;
        }
        Problem body = Problems.body(request.getPath(), mapped, errorContext.getRootCause().orElse(null));
        return withStatus.body(body).contentType(Problems.PROBLEM_JSON);
    }
}
