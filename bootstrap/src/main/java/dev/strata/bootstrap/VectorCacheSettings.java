package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the vectors' Redis caches ({@code strata.vectors.*}): the search-result cache and the hot vectors.
 *
 * @param resultCacheTtl  how long a cached search result lives at most (300s); any write makes it unreachable at once
 * @param resultCacheMax  most cached results per collection, the oldest evicted first (10000)
 * @param versionLease    life of a collection's version stamp in Redis between renewals (10s); a write whose
 *                        publish to Redis fails waits this long before it answers, so no instance can still serve
 *                        a result computed before it
 * @param hotMax          most hot vectors kept per collection, the least recently read evicted first (1000)
 * @param hotWindow       tumbling window in which reads of a vector are counted (60s)
 * @param hotThreshold    a vector read more than this often in one window is kept in Redis (10)
 */
@ConfigurationProperties("strata.vectors")
public record VectorCacheSettings(@Bindable(defaultValue = "300s") Duration resultCacheTtl,
                                  @Bindable(defaultValue = "10000") int resultCacheMax,
                                  @Bindable(defaultValue = "10s") Duration versionLease,
                                  @Bindable(defaultValue = "1000") int hotMax,
                                  @Bindable(defaultValue = "60s") Duration hotWindow,
                                  @Bindable(defaultValue = "10") int hotThreshold) {
}
