package dev.strata.adapters.http.operations;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Alert webhook settings ({@code strata.alerts.webhook.*}): where alert starts and resolutions are posted, signed and
 * retried as the password-reset webhook's deliveries are.
 *
 * @param url            the receiver (http or https, no user info); unset = alerts go to the {@code ops.alerts} event only
 * @param secret         HMAC-SHA256 key signing every delivery, at least 32 bytes; required with a URL
 * @param maxAttempts    attempts per delivery before it counts as failed (5)
 * @param timeout        connect and response timeout of one attempt (5s)
 * @param initialBackoff pause before the first retry; doubles per attempt, with jitter (1s)
 * @param queue          deliveries waiting or retrying at once; beyond that new ones are dropped (1000)
 */
@ConfigurationProperties("strata.alerts.webhook")
public record AlertWebhookSettings(@Nullable String url,
                                   @Nullable String secret,
                                   @Bindable(defaultValue = "5") int maxAttempts,
                                   @Bindable(defaultValue = "5s") Duration timeout,
                                   @Bindable(defaultValue = "1s") Duration initialBackoff,
                                   @Bindable(defaultValue = "1000") int queue) {
}
