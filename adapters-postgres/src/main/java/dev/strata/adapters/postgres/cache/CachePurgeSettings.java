package dev.strata.adapters.postgres.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the L3 expiry purge ({@code strata.cache.purge.*}).
 *
 * @param enabled  whether this instance runs the purge (true; every instance may, the deletes do not conflict)
 * @param interval pause between passes (1m)
 * @param batch    most rows deleted per transaction (1000)
 */
@ConfigurationProperties("strata.cache.purge")
public record CachePurgeSettings(@Bindable(defaultValue = "true") boolean enabled,
                                 @Bindable(defaultValue = "1m") Duration interval,
                                 @Bindable(defaultValue = "1000") int batch) {
}
