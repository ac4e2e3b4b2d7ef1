package dev.strata.adapters.postgres.shared;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of Strata's use of Postgres ({@code strata.postgres.*}); the pool itself is {@code datasources.default}.
 *
 * @param statementTimeout longest a statement may run before Postgres cancels it (10s; {@code SET LOCAL
 *                         statement_timeout} in every transaction)
 * @param networkTimeout   longest wait for any answer of Postgres on an open connection before it counts as
 *                         failing (12s; above the statement timeout, so a slow statement is cancelled by the
 *                         server first); bounds a request on a frozen or cut-off server
 * @param probeInterval    while the circuit is open, how often a background probe tries Postgres (500ms)
 */
@ConfigurationProperties("strata.postgres")
public record PostgresSettings(@Bindable(defaultValue = "10s") Duration statementTimeout,
                               @Bindable(defaultValue = "12s") Duration networkTimeout,
                               @Bindable(defaultValue = "500ms") Duration probeInterval) {
    public PostgresSettings {
        if (statementTimeout == null || statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("strata.postgres.statement-timeout must be positive");
        }
        if (networkTimeout == null || networkTimeout.isNegative() || networkTimeout.isZero()) {
            throw new IllegalArgumentException("strata.postgres.network-timeout must be positive");
        }
        if (probeInterval == null || probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("strata.postgres.probe-interval must be positive");
        }
    }
}
