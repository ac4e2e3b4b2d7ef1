/**
 * Redis adapters of the cache area: L2 entries with tag sets and a per-namespace key index, leases and fill
 * stamps, the Pub/Sub invalidation channel, and the Caffeine L1 tier (whose coherence Pub/Sub drives).
 */
package dev.strata.adapters.redis.cache;
