package dev.strata.adapters.http.error;

import dev.strata.domain.shared.QuotaExceededException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** HTTP adapter: builds problem+json responses; the one place that turns an error code into a body. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    public static final String TYPE_PREFIX = "urn:strata:problem:";

    // Fixed codes for errors the HTTP layer itself detects; domain errors carry their own code.
    public static final String BAD_REQUEST = "http.bad_request";
    public static final String MALFORMED_JSON = "http.malformed_json";
    public static final String INVALID_BODY = "http.invalid_body";
    public static final String MISSING_BODY = "http.missing_body";
    public static final String INVALID_PARAMETER = "http.invalid_parameter";
    public static final String MISSING_PARAMETER = "http.missing_parameter";
    public static final String VALIDATION = "http.validation";
    public static final String UNAUTHORIZED = "http.unauthorized";
    public static final String FORBIDDEN = "http.forbidden";
    public static final String NOT_FOUND = "http.not_found";
    public static final String METHOD_NOT_ALLOWED = "http.method_not_allowed";
    public static final String NOT_ACCEPTABLE = "http.not_acceptable";
    public static final String CONFLICT = "http.conflict";
    public static final String PRECONDITION_FAILED = "http.precondition_failed";
    public static final String PAYLOAD_TOO_LARGE = "http.payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "http.unsupported_media_type";
    public static final String TOO_MANY_REQUESTS = "http.too_many_requests";
    public static final String INTERNAL_ERROR = "http.internal_error";
    public static final String SERVICE_UNAVAILABLE = "http.service_unavailable";

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String code, String detail) {
        return response(request, status, code, detail, null);
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String code, String detail,
                                                        List<Problem.FieldError> errors) {
        return HttpResponse.<Problem>status(status).contentType(PROBLEM_JSON).body(body(request, status, code, detail, errors));
    }

    /** The response for a mapped error, including the headers its status calls for. */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemMapper.Mapped mapped) {
        return withHeaders(response(request, mapped.status(), mapped.code(), mapped.detail(), mapped.errors()), mapped);
    }

    /** The body alone, for callers that already hold a response (the error response processor). */
    public static Problem body(HttpRequest<?> request, HttpStatus status, String code, String detail, List<Problem.FieldError> errors) {
        // instance is the path only: a query string may carry secrets and must never be echoed
        return problem(request == null ? null : request.getPath(), status, code, detail, errors);
    }

    private static Problem problem(@Nullable String path, HttpStatus status, String code, String detail,
                                   @Nullable List<Problem.FieldError> errors) {
        return new Problem(TYPE_PREFIX + code, status.getReason(), status.getCode(), detail, path,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    /**
     * The body of the answer to {@code cause} as {@link ProblemErrorResponseProcessor} writes it for a request to
     * {@code path}: the mapped problem, naming the refusing quota when a quota refused.
     */
    public static Problem body(@Nullable String path, ProblemMapper.Mapped mapped, @Nullable Throwable cause) {
        Problem body = problem(path, mapped.status(), mapped.code(), mapped.detail(), mapped.errors());
        if (cause instanceof QuotaExceededException exceeded) {
            body = body.withQuota(exceeded.quota().name(), exceeded.quota().limit());
        }
        return body;
    }

    static <T> MutableHttpResponse<T> withHeaders(MutableHttpResponse<T> response, ProblemMapper.Mapped mapped) {
        if (mapped.retryAfterSeconds() != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(mapped.retryAfterSeconds()));
        }
        return response;
    }
}
