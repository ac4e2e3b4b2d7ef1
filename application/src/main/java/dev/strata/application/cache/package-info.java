/**
 * The tiered cache engine: L1 (in-process), L2 (Redis), L3 (Postgres, durable namespaces), kept coherent
 * across instances by an invalidation bus, with leases against stampedes and stale sets. One façade,
 * {@link dev.strata.application.cache.CacheService}, implements every cache use case; each of its jobs
 * (tiered reads, non-blocking peeks, writes, invalidations, L1 coherence, repairs, settings, counters) is a
 * class of its own behind it.
 */
package dev.strata.application.cache;
