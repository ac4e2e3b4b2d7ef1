/** Driven ports of the cache area: one cache tier, and the channel that spreads invalidations between instances. */
package dev.strata.domain.cache.port;
