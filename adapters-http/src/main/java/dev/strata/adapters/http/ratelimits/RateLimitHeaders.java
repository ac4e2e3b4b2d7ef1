package dev.strata.adapters.http.ratelimits;

import dev.strata.adapters.http.error.Problems;
import dev.strata.domain.ratelimits.RateDecision;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Instant;

/**
 * HTTP adapter helper: the rate-limit headers of API.md ({@code RateLimit-Limit}, {@code -Remaining},
 * {@code -Reset} in seconds from now) and, on a refusal, {@code Retry-After}.
 */
public final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    public static <T> MutableHttpResponse<T> apply(MutableHttpResponse<T> response, RateDecision decision) {
        long reset = Math.max(0, (decision.resetAt().toEpochMilli() - Instant.now().toEpochMilli() + 999) / 1000);
        response.header("RateLimit-Limit", Integer.toString(decision.limit()))
                .header("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .header("RateLimit-Reset", Long.toString(reset));
        if (!decision.allowed()) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (decision.retryAfterMillis() + 999) / 1000)));
        }
        return response;
    }

    /** The 429 problem answer of a refused request. */
    public static MutableHttpResponse<?> tooMany(HttpRequest<?> request, RateDecision decision) {
        return apply(Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_REQUESTS,
                "Too many requests; retry after the time in Retry-After."), decision);
    }
}
