package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How claims with {@code waitMs} wait ({@code strata.jobs.claims.*}): woken by the queue's live events through Redis,
 * at the next due time Postgres knows of, and at least every {@code pollInterval}.
 *
 * @param pollInterval how often a waiting claim tries again without a wake-up: the bound on a lost one, e.g. while
 *                     Redis is down (250ms)
 * @param threads      threads that run the attempts of waiting claims on one instance; nobody waits on them, and they
 *                     bound the Postgres connections waiting claims use at once (4)
 */
@ConfigurationProperties("strata.jobs.claims")
public record JobClaimSettings(@Bindable(defaultValue = "250ms") Duration pollInterval,
                               @Bindable(defaultValue = "4") int threads) {
}
