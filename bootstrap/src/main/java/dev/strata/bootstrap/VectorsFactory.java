package dev.strata.bootstrap;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.vectors.RedisHotVectors;
import dev.strata.adapters.redis.vectors.RedisSearchResultCache;
import dev.strata.domain.vectors.port.HotVectors;
import dev.strata.domain.vectors.port.SearchResultCache;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wiring of the vectors area: the Redis search-result cache and hot vectors, configured by
 * {@link VectorCacheSettings}. Both share the collection's version stamp in Redis.
 */
@Factory
class VectorsFactory {
    @Singleton
    SearchResultCache searchResultCache(RedisConnector redis, VectorCacheSettings settings) {
        return new RedisSearchResultCache(redis, settings.resultCacheTtl(), settings.resultCacheMax(), settings.versionLease());
    }

    @Singleton
    HotVectors hotVectors(RedisConnector redis, VectorCacheSettings settings) {
        return new RedisHotVectors(redis, settings.hotMax(), settings.hotWindow(), settings.hotThreshold());
    }
}
