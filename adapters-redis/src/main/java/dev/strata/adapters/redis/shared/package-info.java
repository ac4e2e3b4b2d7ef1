/**
 * Redis plumbing shared by every area: one fail-fast connection with a circuit breaker (a dead
 * Redis must never add latency: Strata degrades to Postgres instead), key prefixes, health.
 */
package dev.strata.adapters.redis.shared;
