package dev.strata.adapters.http.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem+json responses; the one place that turns an error code into a body. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final String TYPE_PREFIX = "urn:strata:problem:";

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String code, String detail) {
        return response(request, status, code, detail, null);
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String code, String detail,
                                                        List<Problem.FieldError> errors) {
        Problem body = new Problem(TYPE_PREFIX + code, status.getReason(), status.getCode(), detail,
                request == null ? null : request.getPath(), errors == null || errors.isEmpty() ? null : errors);
        return HttpResponse.<Problem>status(status).contentType(PROBLEM_JSON).body(body);
    }
}
