package dev.strata.adapters.http.security;

import dev.strata.adapters.http.error.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * HTTP adapter: rate limits the public routes outside the API (health, {@code /prometheus}, {@code /openapi.yml},
 * the JWKS, the admin page) per client address, per instance ({@link PublicRouteLimiter}); beyond the limit a 429
 * problem with {@code Retry-After}. The public routes under {@code /v1/auth} have their own limits (shared across
 * instances), and every other {@code /v1} route needs a token.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class PublicRouteLimitFilter implements Ordered {
    /** After the request id (so that refusals carry X-Request-Id), before authentication. */
    public static final int ORDER = AuthenticationFilter.ORDER - 50;

    private final PublicRouteLimiter limiter;
    private final ClientAddressResolver addresses;

    public PublicRouteLimitFilter(PublicRouteLimitSettings settings, ClientAddressResolver addresses) {
        this.limiter = new PublicRouteLimiter(settings, System::currentTimeMillis);
        this.addresses = addresses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getPath().startsWith(AuthenticationFilter.API_PREFIX) || limiter.admit(addresses.bucketOf(request))) {
            return null;
        }
        return Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_REQUESTS,
                        "Too many requests from this address; retry after the time in Retry-After.")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (limiter.millisToNextWindow() + 999) / 1000)));
    }
}
