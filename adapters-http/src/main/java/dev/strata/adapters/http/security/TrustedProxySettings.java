package dev.strata.adapters.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Which peers may tell Strata the client's address ({@code strata.http.trusted-proxies}): IPv4/IPv6 CIDR
 * blocks or single addresses of the deployment's load balancers and reverse proxies. Empty by default:
 * then {@code Forwarded} and {@code X-Forwarded-For} are never believed.
 *
 * @param trustedProxies CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code fd00::/8}
 */
@ConfigurationProperties("strata.http")
public record TrustedProxySettings(@Nullable List<String> trustedProxies) {
    public TrustedProxySettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
