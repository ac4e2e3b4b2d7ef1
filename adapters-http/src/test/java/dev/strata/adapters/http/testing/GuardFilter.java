package dev.strata.adapters.http.testing;

import dev.strata.adapters.http.error.Problem;
import dev.strata.adapters.http.error.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Stands in for the auth filter: answers a problem itself, before any route runs. */
@ServerFilter("/test/guarded")
public class GuardFilter {
    @RequestFilter
    public MutableHttpResponse<Problem> refuse(HttpRequest<?> request) {
        return Problems.response(request, HttpStatus.UNAUTHORIZED, "auth.missing_token", "A bearer token is required.");
    }
}
