/** Redis adapters of the sessions area: the shared revocation list and the live copy of sessions. */
package dev.strata.adapters.redis.sessions;
