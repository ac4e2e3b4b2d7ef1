package dev.strata.adapters.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Map;

/**
 * JWT settings ({@code strata.jwt.*}).
 *
 * @param secret         HMAC key (or, with ES256, a PKCS#8 EC private key) of the one-key ring whose key id is
 *                       {@code default} ({@code STRATA_JWT_SECRET}); a shorthand for {@code keys.default}
 * @param keys           the key ring: key id to HMAC secret (HS*) or PEM/base64 PKCS#8 EC private key (ES256);
 *                       every listed key verifies, the active one signs
 * @param activeKey      the key id that signs new tokens; may be left out when the ring holds one key
 * @param algorithm      the one accepted algorithm: HS256 (default), HS384, HS512 or ES256
 * @param issuer         {@code iss} written and required (strata)
 * @param clientTokenTtl lifetime of client-credentials tokens (1h)
 * @param clockSkew      tolerance for {@code exp} and {@code iat} between instances (30s)
 */
@ConfigurationProperties("strata.jwt")
public record JwtSettings(@Nullable String secret,
                          @Nullable Map<String, String> keys,
                          @Nullable String activeKey,
                          @Bindable(defaultValue = "HS256") String algorithm,
                          @Bindable(defaultValue = "strata") String issuer,
                          @Bindable(defaultValue = "1h") Duration clientTokenTtl,
                          @Bindable(defaultValue = "30s") Duration clockSkew) {
    @Override
    public String toString() {
        return "JwtSettings[algorithm=" + algorithm + ", keys=" + (keys == null ? "[]" : keys.keySet()) + ", activeKey=" + activeKey
                + ", issuer=" + issuer + ", clientTokenTtl=" + clientTokenTtl + "]";
    }
}
