/** Redis adapters of operations: Redis's own figures (INFO, PING latency) for the overview and alerts. */
package dev.strata.adapters.redis.operations;
