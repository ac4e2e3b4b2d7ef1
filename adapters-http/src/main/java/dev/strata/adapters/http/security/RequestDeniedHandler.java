package dev.strata.adapters.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** HTTP adapter: answers a {@link RequestDenied} with the response it carries. */
@Singleton
public class RequestDeniedHandler implements ExceptionHandler<RequestDenied, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, RequestDenied denied) {
        return denied.response();
    }
}
