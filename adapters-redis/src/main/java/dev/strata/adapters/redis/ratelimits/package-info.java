/** Redis adapter of the rate-limits area: the atomic limiter shared by all instances. */
package dev.strata.adapters.redis.ratelimits;
