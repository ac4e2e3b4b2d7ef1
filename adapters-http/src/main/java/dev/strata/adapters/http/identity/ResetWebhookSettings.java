package dev.strata.adapters.http.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Password-reset webhook settings ({@code strata.auth.reset-webhook.*}): where reset tokens are posted
 * for the tenant's mailer, and how deliveries are signed and retried.
 *
 * @param url            the mailer's endpoint (http or https); unset = reset tokens are dropped with a warning
 * @param secret         HMAC-SHA256 key signing every delivery, at least 32 bytes; required with a URL outside dev mode
 * @param maxAttempts    attempts per delivery before it counts as failed (5)
 * @param timeout        connect and response timeout of one attempt (5s)
 * @param initialBackoff pause before the first retry; doubles per attempt, with jitter (1s)
 * @param queue          deliveries waiting or retrying at once; beyond that new ones are dropped (1000)
 */
@ConfigurationProperties("strata.auth.reset-webhook")
public record ResetWebhookSettings(@Nullable String url,
                                   @Nullable String secret,
                                   @Bindable(defaultValue = "5") int maxAttempts,
                                   @Bindable(defaultValue = "5s") Duration timeout,
                                   @Bindable(defaultValue = "1s") Duration initialBackoff,
                                   @Bindable(defaultValue = "1000") int queue) {
}
