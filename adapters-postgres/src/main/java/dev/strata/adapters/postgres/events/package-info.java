/**
 * Postgres adapters of the events area, one per port: the durable log (gap-free per-topic counter,
 * idempotency keys), its outbox bookkeeping for the relay (relay queue, lease and position) and the durable
 * side of consumer groups.
 */
package dev.strata.adapters.postgres.events;
