/**
 * The tiered cache engine: L1 (in-process), L2 (Redis), L3 (Postgres, durable namespaces), kept coherent
 * across instances by an invalidation bus, with leases against stampedes and stale sets. One
 * {@link dev.strata.application.cache.CacheService} implements every cache use case.
 */
package dev.strata.application.cache;
