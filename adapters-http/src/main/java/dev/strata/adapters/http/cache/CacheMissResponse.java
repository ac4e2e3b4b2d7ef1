package dev.strata.adapters.http.cache;

import dev.strata.adapters.http.error.Problems;
import dev.strata.application.cache.port.CacheLookup;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** HTTP adapter helper: the answer to a cache miss, a {@code cache.miss} 404 with {@code X-Cache: MISS} and the lease if one was granted. */
final class CacheMissResponse {
    private CacheMissResponse() {
    }

    static MutableHttpResponse<?> of(HttpRequest<?> request, CacheLookup.Miss miss) {
        MutableHttpResponse<?> notFound = Problems.response(request, HttpStatus.NOT_FOUND, "cache.miss", "No live entry under this key.")
                .header(CacheHeaders.X_CACHE, "MISS");
        miss.lease().ifPresent(token -> notFound.header(CacheHeaders.LEASE, token.value()));
        return notFound;
    }
}
