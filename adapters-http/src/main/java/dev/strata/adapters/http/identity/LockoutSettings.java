package dev.strata.adapters.http.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Login lockout settings ({@code strata.auth.lockout.*}): after {@code maxFailures} failures within
 * {@code window} the account answers 423 for {@code duration}.
 */
@ConfigurationProperties("strata.auth.lockout")
public record LockoutSettings(@Bindable(defaultValue = "5") int maxFailures,
                              @Bindable(defaultValue = "15m") Duration window,
                              @Bindable(defaultValue = "15m") Duration duration) {
}
