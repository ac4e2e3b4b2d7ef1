/**
 * Redis adapters of the identity and sessions area: the shared revocation list, the live copy of
 * sessions and the atomic rate limiter.
 */
package dev.strata.adapters.redis.sessions;
