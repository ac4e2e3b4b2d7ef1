package dev.strata.adapters.http.sessions;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Session settings ({@code strata.sessions.*}).
 *
 * @param ttl     default lifetime of a session, login sessions included (24h)
 * @param sliding whether a read of a session, or a refresh of a login session, extends it (true)
 */
@ConfigurationProperties("strata.sessions")
public record SessionsSettings(@Bindable(defaultValue = "24h") Duration ttl,
                               @Bindable(defaultValue = "true") boolean sliding) {
}
