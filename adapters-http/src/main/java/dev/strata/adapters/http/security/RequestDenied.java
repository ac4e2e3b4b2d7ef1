package dev.strata.adapters.http.security;

import io.micronaut.http.MutableHttpResponse;

/**
 * The authentication filter's refusal of a request, carrying the finished problem response (401, 403 or
 * 503). The filter answers asynchronously, and an asynchronous filter refuses by failing; this exception
 * is how the response travels to {@link RequestDeniedHandler}. No stack trace: it is an answer, not a bug.
 */
public final class RequestDenied extends RuntimeException {
    private final transient MutableHttpResponse<?> response;

    public RequestDenied(MutableHttpResponse<?> response) {
        super("request denied: " + response.code(), null, false, false);
        this.response = response;
    }

    public MutableHttpResponse<?> response() {
        return response;
    }
}
