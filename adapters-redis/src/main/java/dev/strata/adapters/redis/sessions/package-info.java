/** Redis adapters of the identity and sessions area: the shared revocation list. */
package dev.strata.adapters.redis.sessions;
