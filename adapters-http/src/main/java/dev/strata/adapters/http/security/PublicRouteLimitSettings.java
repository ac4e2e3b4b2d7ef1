package dev.strata.adapters.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The per-instance limit on the routes outside the API ({@code strata.http.public-routes}): health, metrics, the
 * OpenAPI document, the JWKS and the admin page answer at most {@code limit} requests per client address per
 * {@code window}; at most {@code maxAddresses} addresses are told apart per window (the rest share one bucket).
 * A limit of 0 turns the limiter off.
 */
@ConfigurationProperties("strata.http.public-routes")
public record PublicRouteLimitSettings(@Nullable Integer limit, @Nullable Duration window, @Nullable Integer maxAddresses) {
    public PublicRouteLimitSettings {
        limit = limit == null ? 1000 : limit;
        window = window == null ? Duration.ofSeconds(10) : window;
        maxAddresses = maxAddresses == null ? 100_000 : maxAddresses;
        if (limit < 0 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("strata.http.public-routes: limit must be >= 0, window > 0, "
                    + "max-addresses >= 1");
        }
    }
}
