package dev.strata.adapters.http.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * End-user token settings ({@code strata.auth.*}).
 *
 * @param accessTokenTtl lifetime of end-user access tokens (15m)
 * @param resetTokenTtl  validity of a password-reset token (30m)
 */
@ConfigurationProperties("strata.auth")
public record AuthSettings(@Bindable(defaultValue = "15m") Duration accessTokenTtl,
                           @Bindable(defaultValue = "30m") Duration resetTokenTtl) {
}
