package dev.strata.bootstrap;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.vectors.RedisHotVectors;
import dev.strata.adapters.redis.vectors.RedisSearchResultCache;
import dev.strata.application.vectors.VectorsService;
import dev.strata.application.vectors.port.VectorsUseCase;
import dev.strata.domain.vectors.port.HotVectors;
import dev.strata.domain.vectors.port.SearchResultCache;
import dev.strata.domain.vectors.port.VectorCollections;
import dev.strata.domain.vectors.port.VectorStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wiring of the vectors area: the use case over the Postgres collections and store, the Redis search-result cache
 * and hot vectors (configured by {@link VectorCacheSettings}; both share the collection's version stamp in Redis),
 * and the per-tenant quota on collections.
 */
@Factory
class VectorsFactory {
    @Singleton
    VectorsUseCase vectors(VectorCollections collections, VectorStore store, SearchResultCache results, HotVectors hot,
                           QuotaSettings quotas) {
        return new VectorsService(collections, store, results, hot, quotas.collectionsQuota());
    }

    @Singleton
    SearchResultCache searchResultCache(RedisConnector redis, VectorCacheSettings settings) {
        return new RedisSearchResultCache(redis, settings.resultCacheTtl(), settings.resultCacheMax(), settings.versionLease());
    }

    @Singleton
    HotVectors hotVectors(RedisConnector redis, VectorCacheSettings settings) {
        return new RedisHotVectors(redis, settings.hotMax(), settings.hotWindow(), settings.hotThreshold());
    }
}
