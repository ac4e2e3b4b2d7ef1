package dev.strata.bootstrap;

import dev.strata.adapters.postgres.cache.PostgresCacheStore;
import dev.strata.adapters.postgres.cache.PostgresCacheNamespaces;
import dev.strata.adapters.postgres.cache.PostgresNamespaceSettingsStore;
import dev.strata.adapters.redis.cache.CacheTierSettings;
import dev.strata.adapters.redis.cache.CaffeineLocalCacheTier;
import dev.strata.adapters.redis.cache.MicrometerCacheMetrics;
import dev.strata.adapters.redis.cache.RedisCacheLeases;
import dev.strata.adapters.redis.cache.RedisCacheStore;
import dev.strata.adapters.redis.cache.RedisInvalidationBus;
import dev.strata.application.cache.CacheService;
import dev.strata.application.cache.CacheTuning;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.time.Duration;

/**
 * Wiring of the cache: one {@link CacheService} implements every cache use case (the controller and other
 * areas see only the use case interfaces). Redis holds the leases and the fill stamps beside them, so one
 * adapter serves both ports. It is built at start-up, so every instance subscribes to the
 * invalidation channel before it serves anything.
 */
@Factory
class CacheFactory {
    @Context
    @Bean(preDestroy = "close")
    CacheService cacheService(CaffeineLocalCacheTier l1, RedisCacheStore l2, PostgresCacheStore l3, RedisCacheLeases leases,
                              RedisInvalidationBus bus, PostgresNamespaceSettingsStore settings, MicrometerCacheMetrics metrics,
                              Clock clock, CacheTierSettings tier, PostgresCacheNamespaces namespaces, QuotaSettings quotas) {
        CacheTuning tuning = new CacheTuning(tier.leaseTtl(), Duration.ofSeconds(30), Duration.ofMillis(250));
        return new CacheService(l1, l2, l3, leases, leases, bus, settings, metrics, clock, tuning, namespaces,
                quotas.namespacesQuota(), CacheService.DEFAULT_MAX_TRACKED_NAMESPACES).start();
    }
}
