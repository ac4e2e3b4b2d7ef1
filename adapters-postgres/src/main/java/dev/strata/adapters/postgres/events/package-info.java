/**
 * Postgres adapters of the events area: the durable log with its outbox bookkeeping (gap-free per-topic
 * counter, idempotency keys, relay lease and position) and the durable side of consumer groups.
 */
package dev.strata.adapters.postgres.events;
