/**
 * Driven ports of the cache area: the tiers (in-process, shared, durable), the leases and fill stamps that
 * guard fills, namespace settings and registry, metrics, and the channel that spreads invalidations between
 * instances.
 */
package dev.strata.domain.cache.port;
