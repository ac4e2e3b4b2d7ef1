package dev.strata.adapters.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * JWT settings ({@code strata.jwt.*}).
 *
 * @param secret         HMAC key, at least 32 bytes ({@code STRATA_JWT_SECRET}); required outside dev mode
 * @param algorithm      the one accepted algorithm: HS256 (default), HS384 or HS512
 * @param issuer         {@code iss} written and required (strata)
 * @param clientTokenTtl lifetime of client-credentials tokens (1h)
 * @param clockSkew      tolerance for {@code exp} and {@code iat} between instances (30s)
 */
@ConfigurationProperties("strata.jwt")
public record JwtSettings(@Nullable String secret,
                          @Bindable(defaultValue = "HS256") String algorithm,
                          @Bindable(defaultValue = "strata") String issuer,
                          @Bindable(defaultValue = "1h") Duration clientTokenTtl,
                          @Bindable(defaultValue = "30s") Duration clockSkew) {
    @Override
    public String toString() {
        return "JwtSettings[algorithm=" + algorithm + ", issuer=" + issuer + ", clientTokenTtl=" + clientTokenTtl + "]";
    }
}
