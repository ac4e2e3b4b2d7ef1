/** Driven ports of the rate-limits area: the stored policies and the shared limiter. */
package dev.strata.domain.ratelimits.port;
